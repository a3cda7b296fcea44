"""社群助手 web app: `python app.py` serves http://127.0.0.1:7860 (GRADIO_SERVER_NAME/PORT honoured)."""
from assistant.ui import main

if __name__ == "__main__":
    main()
