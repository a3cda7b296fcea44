"""A small OpenAI-compatible chat server on 127.0.0.1 for tests of the real client path.

Each request takes the next scripted reply: {"text": ...}, {"status": 429}, {"stream": [pieces]},
{"stream": [pieces], "break_after": n} (the connection drops midway), {"echo": True, "delay": s} (streams
back the user's question in pieces, pausing ``delay`` seconds per piece; never used up),
{"reject_schema": True} (HTTP 400 to a request carrying ``response_format``, as servers without structured
output answer).
"""
from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class StubOpenAI:
    def __init__(self) -> None:
        self.script: list[dict] = []
        self.requests: list[dict] = []
        self._lock = threading.Lock()
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # keep test output clean
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                with stub._lock:
                    stub.requests.append({"path": self.path, "body": body})
                    reply = (stub.script[0] if stub.script and stub.script[0].get("echo")
                             else stub.script.pop(0) if stub.script else {"text": "(no scripted reply)"})
                if reply.get("echo"):
                    last = body["messages"][-1]["content"]
                    m = re.search(r"群主的问题:(.*)", last)
                    question = (m.group(1) if m else last).strip()
                    reply = {"stream": ["回答:"] + [question[i:i + 4] for i in range(0, len(question), 4)],
                             "delay": reply.get("delay", 0)}
                if reply.get("reject_schema") and "response_format" in body:
                    reply = {"status": 400, "message": "response_format is not supported by this model"}
                if "status" in reply:
                    payload = json.dumps({"error": {"message": reply.get("message", "scripted"),
                                                    "type": "rate_limit" if reply["status"] == 429 else "invalid_request_error"}}).encode()
                    self.send_response(reply["status"])
                    self.send_header("Content-Type", "application/json")
                    self.send_header("retry-after-ms", "10")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                    return
                if body.get("stream"):
                    self._stream(reply.get("stream") or [reply.get("text", "")], reply.get("break_after"), reply.get("delay", 0))
                    return
                text = reply.get("text", "")
                payload = json.dumps({
                    "id": "chatcmpl-stub", "object": "chat.completion", "created": int(time.time()), "model": body.get("model"),
                    "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
                    "usage": {"prompt_tokens": 11, "completion_tokens": 7, "total_tokens": 18},
                }).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def _stream(self, pieces, break_after, delay=0):
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()

                def send(data: str) -> None:
                    raw = data.encode()
                    self.wfile.write(f"{len(raw):x}\r\n".encode() + raw + b"\r\n")
                    self.wfile.flush()

                for i, p in enumerate(pieces):
                    if break_after is not None and i >= break_after:
                        self.wfile.flush()
                        self.connection.shutdown(2)  # drop the connection mid-stream
                        return
                    chunk = {"id": "c", "object": "chat.completion.chunk", "created": 0, "model": "stub",
                             "choices": [{"index": 0, "delta": {"content": p}, "finish_reason": None}]}
                    send(f"data: {json.dumps(chunk)}\n\n")
                    if delay:
                        time.sleep(delay)
                done = {"id": "c", "object": "chat.completion.chunk", "created": 0, "model": "stub",
                        "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
                send(f"data: {json.dumps(done)}\n\n")
                send("data: [DONE]\n\n")
                self.wfile.write(b"0\r\n\r\n")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.base_url = f"http://127.0.0.1:{self.port}/v1"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> StubOpenAI:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
