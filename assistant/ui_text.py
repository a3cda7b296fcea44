"""The page's own words in each language it can be switched to (Chinese first). Keys name the
components in :func:`assistant.ui.build_app`; every language has every key (checked by a test)."""
from __future__ import annotations

LANGUAGES = {"中文": "zh", "English": "en"}

TEXT: dict[str, dict[str, object]] = {
    "zh": {
        "intro": ("# 社群助手\n用共同目标,而不是红包,把客户群经营成长期的社群。\n\n"
                  "**三步用起来**:① 在下面说说你的店 → ② 到「目标」拿到共同目标和建群方案,到「周历」拿到一周可以直接发的群帖"
                  " → ③ 发帖前到「草稿检查」看一眼。"),
        "shop": ("你的店", "例如:社区里的面包店,顾客多是附近的宝妈,早上买早餐的多"),
        "tab_chat": "对话", "tab_goal": "目标", "tab_calendar": "周历", "tab_lint": "草稿检查",
        "chatbot": "对话",
        "msg": (None, "问问怎么经营你的群,或者让我帮你写一条群帖"),
        "send": "发送", "copy": "复制这条回答(纯文本)",
        "business": ("描述你的生意", "例如:我在社区开了一家健身房,会员大多是附近上班族"),
        "gtype": "群的类型",
        "group_choices": ["自动判断", "快闪群", "新用户群", "超级用户群", "交付群"],
        "answers": "回答几个问题,让方案更贴合(可选)",
        "a_members": ("你的客户(群成员)是谁?", "例如:附近小区带孩子的家长"),
        "a_ideal": ("他们最想得到、但还没得到的是什么?(理想)", ""),
        "a_gap": ("是什么挡住了他们?(现实的缺口)", ""),
        "a_pays": ("他们为什么付费?(买一次、办卡、上课、长期服务)", ""),
        "a_freq": ("他们多久来一次?", ""),
        "go": "生成方案", "to_cal": "用这个目标生成周历", "plan_copy": "复制方案", "plan_file": "下载方案(Markdown)",
        "c_business": ("描述你的生意", ""), "c_goal": ("共同目标(可不填,自动推导)", ""),
        "c_start": ("开始日期(如 2026/11/30、11月30日、下周一;默认下周一)", ""),
        "c_pick": "或在日历上选", "c_days": "天数",
        "c_launch": "这是新建的群:第一周做开群周(欢迎仪式、一起定群规和群名)",
        "c_gtype": "群的类型(选了,话题、节奏和说法都按这类群来排)",
        "c_go": "生成周历", "f_md": "Markdown", "f_csv": "CSV(Excel)", "f_ics": "日历(.ics,带提醒)",
        "table_box": "表格视图",
        "post": ("粘贴一条准备发到群里的帖子", ""), "l_group": "群的类型",
        "lint_choices": ["目标群(默认)", "快闪群", "新用户群", "超级用户群", "交付群"],
        "l_go": "检查", "marked": "标出的位置(规则编号 + 级别)", "rw_go": "改写成这样",
        "rewritten": ("改写稿(草稿:看过、改过再发;不会自动发出)", ""),
        "batch_md": "### 批量检查\n上传 .txt(每行一条)或 .csv(第一列或名为 text/帖子 的列)",
        "upload": "上传帖子文件", "batch_csv": "下载检查结果(CSV)",
        "examples": "可以这样问",
        "example_questions": ["我在社区开了一家健身房,会员大多是附近上班族,群里没人说话怎么办?",
                              "快闪群和超级用户群有什么区别?我该建哪种?",
                              "帮我写一条欢迎新人的群帖,我开的是一家独立书店",
                              "群规应该怎么定?要不要设门槛?"],
        "h_tab": "群体检",
        "h_intro": ("上传群聊天记录的导出文件(QQ/TIM 文本记录、微信聊天记录 CSV、Telegram result.json,"
                    "或 时间/发送者/内容 三列的 CSV),按文章的孵化指标给这个群做一次体检。"),
        "h_upload": "聊天记录导出文件", "h_owners": ("群主/管理员的昵称(逗号分隔,可不填)", ""),
        "h_members": ("群人数(可不填)", "不填就按发言人数估算"), "h_gtype": "群的类型", "h_anon": "隐去昵称(成员1、成员2……)",
        "h_run": "开始体检", "h_download": "下载报告(HTML,可离线打开)",
        "h_conv": "要检查的会话(这份 QQ 记录里有几个会话,默认消息最多的群)",
    },
    "en": {
        "intro": ("# Community Assistant\nRun your customer group on a goal the members share, not on giveaways and promo codes.\n\n"
                  "**Three steps**: ① tell us about your shop below → ② get a shared goal and a group plan under "
                  "“Goal”, and a week of posts ready to send under “Week” → ③ check a post under “Check a draft” before "
                  "you send it."),
        "shop": ("Your shop", "e.g. a neighbourhood bakery; most customers are young parents who buy breakfast"),
        "tab_chat": "Chat", "tab_goal": "Goal", "tab_calendar": "Week", "tab_lint": "Check a draft",
        "chatbot": "Chat",
        "msg": (None, "Ask how to run your group, or ask me to write a post"),
        "send": "Send", "copy": "Copy this answer (plain text)",
        "business": ("Describe your business", "e.g. a gym in our neighbourhood; most members work nearby"),
        "gtype": "Kind of group",
        "group_choices": ["Decide for me", "Flash group (one sale, then closed)", "New-customer group",
                          "Super-user group (best customers)", "Delivery group (paid service)"],
        "answers": "Answer a few questions for a plan that fits (optional)",
        "a_members": ("Who are your customers (the members)?", "e.g. parents with young children nearby"),
        "a_ideal": ("What do they want most and don't have yet? (the ideal)", ""),
        "a_gap": ("What stops them? (the gap)", ""),
        "a_pays": ("What do they pay for? (one purchase, a membership, classes, a service)", ""),
        "a_freq": ("How often do they come?", ""),
        "go": "Make the plan", "to_cal": "Make a week from this goal", "plan_copy": "Copy the plan",
        "plan_file": "Download the plan (Markdown)",
        "c_business": ("Describe your business", ""), "c_goal": ("Shared goal (optional, derived if empty)", ""),
        "c_start": ("Start date (e.g. 2026-11-30; default next Monday)", ""),
        "c_pick": "or pick a date", "c_days": "Days",
        "c_launch": "A new group: make the first week a launch week (welcome, rules and name made together)",
        "c_gtype": "Kind of group (when chosen, the topics, rhythm and wording follow it)",
        "c_go": "Make the week", "f_md": "Markdown", "f_csv": "CSV (Excel)", "f_ics": "Calendar (.ics, with reminders)",
        "table_box": "Table view",
        "post": ("Paste a post you are about to send to the group", ""), "l_group": "Kind of group",
        "lint_choices": ["Goal group (default)", "Flash group (one sale, then closed)", "New-customer group",
                         "Super-user group (best customers)", "Delivery group (paid service)"],
        "l_go": "Check", "marked": "Where (rule code + level)", "rw_go": "Rewrite it like this",
        "rewritten": ("Rewrite (a draft: read and edit before sending; nothing is sent)", ""),
        "batch_md": "### Check many posts\nUpload a .txt (one post per line) or a .csv (first column, or a column named text)",
        "upload": "Upload a file of posts", "batch_csv": "Download the results (CSV)",
        "examples": "Try asking",
        "example_questions": ["I run a gym in our neighbourhood; most members work nearby. Nobody talks in the group: what can I do?",
                              "What's the difference between a flash group and a super-user group? Which should I start?",
                              "Write a welcome post for new members of my independent bookshop's group",
                              "How should I set the group rules? Should joining have a threshold?"],
        "h_tab": "Group check-up",
        "h_intro": ("Upload a chat export (a QQ/TIM text log, a WeChat chat CSV, a Telegram result.json, or a CSV with "
                    "time, sender and text columns) to check the group against the articles' incubation targets. "
                    "The report is written in English; the passages it quotes from the articles stay in Chinese."),
        "h_upload": "Chat export file", "h_owners": ("Owner/admin nicknames (comma-separated, optional)", ""),
        "h_members": ("Members in the group (optional)", "empty: estimated from who spoke"), "h_gtype": "Kind of group",
        "h_anon": "Hide nicknames (Member 1, Member 2, …)", "h_run": "Run the check-up",
        "h_download": "Download the report (HTML, opens offline)",
        "h_conv": "Conversation to check (this QQ export holds several; by default the group with the most messages)",
    },
}


# The draft check's own words around the guard's findings, in the post's language (the findings already are).
VERDICT: dict[str, dict[str, object]] = {
    "zh": {"empty": "请先粘贴一条帖子。", "clean": "✅ 没有发现市场规范信号。",
           "flagged": "❌ **这条会让群滑向广告群,建议改写后再发**", "noted": "⚠️ 有几处值得留意的表达(不算广告)",
           "long": "这段有 {n} 字,比一条群帖长得多;如果是好几条帖子,请存成 .txt(每行一条)用下面的批量检查。",
           "times": "(出现 {n} 次)", "colon": ":", "how": "怎么改", "why": "为什么",
           "marked_some": "上面只标出了其中 {k} 处(一共 {n} 处)。",
           "more": "…另有 {k} 种说法没有列出(共 {m} 处);改掉上面这些再检查一次,就会列出剩下的。",
           "severity": {"error": "错误", "warning": "警告", "suggestion": "提示"}},
    "en": {"empty": "Paste a post first.", "clean": "✅ No market-norm signals found.",
           "flagged": "❌ **This would turn the group into an ad channel: rewrite it before sending**",
           "noted": "⚠️ A few phrases worth a second look (not an ad)",
           "long": "This is {n} characters, far longer than a group post; if it is several posts, save them as a .txt "
                   "(one per line) and use the batch check below.",
           "times": " ({n} times)", "colon": ": ", "how": "How to fix", "why": "Why",
           "marked_some": "Only {k} of the {n} places are marked above.",
           "more": "… {k} more phrases not listed ({m} places); fix the ones above and check again to see the rest.",
           "severity": {"error": "error", "warning": "warning", "suggestion": "note"}},
}


# The batch check's own words around the guard's findings (which read in each post's language), in the page's.
BATCH: dict[str, dict[str, object]] = {
    "zh": {"headers": ["#", "帖子", "需要改写", "原因", "规则"], "csv_headers": ["序号", "帖子", "需要改写", "原因", "规则"],
           "yes": "是", "no": "否", "upload": "请上传 .txt 或 .csv 文件。",
           "note": "共 {n} 条,{k} 条需要改写(排在最前)。", "capped": " 只检查了前 {cap} 条。", "file": "草稿检查-{stem}.csv"},
    "en": {"headers": ["#", "Post", "Rewrite?", "Why", "Rules"], "csv_headers": ["No.", "Post", "Rewrite?", "Why", "Rules"],
           "yes": "yes", "no": "no", "upload": "Please upload a .txt or .csv file.",
           "note": "{n} posts, {k} to rewrite (listed first).", "capped": " Only the first {cap} were checked.",
           "file": "draft-check-{stem}.csv"},
}


def text_for(lang: str) -> dict[str, object]:
    """The page's words in ``lang`` ("zh" or "en"; anything else gives Chinese)."""
    return TEXT.get(lang, TEXT["zh"])
