"""The market-norm guard: rules as data, disguises, context, profiles, accuracy floor, bad input."""
import time
import tomllib
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

from assistant.guard import RULES_DIR, Finding, LintReport, _cues, lint_post, load_rules, normalise, resolve_profile
from assistant.guard_context import Context, own_words, quote_spans
from assistant.guard_rules import STRENGTH

RULES, PROFILES = load_rules()
RULE_FILES = sorted(p for p in RULES_DIR.glob("MN*.toml"))


def _labelled(path: Path) -> list[tuple[int, str]]:
    rows = [line.rstrip("\n").split("\t", 1) for line in open(path, encoding="utf-8") if line.strip()]
    return [(int(a), b) for a, b in rows[1:]]


@pytest.mark.parametrize("path", RULE_FILES, ids=[p.stem for p in RULE_FILES])
def test_rule_file_is_complete(path):
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    for key in ("code", "name", "type", "severity", "message", "rationale", "suggestion"):
        assert data.get(key), f"{path.name} lacks {key}"
    assert path.name.startswith(data["code"])
    assert "《" in data["rationale"], "rationale must cite an article"
    assert len(data["examples"]["bad"]) >= 2 and len(data["examples"]["good"]) >= 2


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_examples(rule):
    for text in rule.bad:
        report = lint_post(text)
        assert report.flagged, (rule.code, text)
        assert rule.code in {f.code for f in report.findings}, (rule.code, text)
    for text in rule.good:
        assert not lint_post(text).flagged, (rule.code, text)


@pytest.mark.parametrize("text, code, found", [
    ("two raffles this month for the most active members", "MN001", True),  # "raffle(s)" in the file
    ("red envelopes for everyone in the group tonight", "MN001", True),
    ("use the promo codes below at checkout", "MN002", True),
    ("our sales team is hiring in march", "MN002", False),  # "sale" is written without (s): no plural
    ("the raffle ticket my kid brought home", "MN001", True),  # the singular still matches
    ("raffless", "MN001", False),  # only the plural ending, not any letters after it
])
def test_a_term_marked_plural_matches_both_forms(text, code, found):
    from assistant.guard_rules import _matcher, load_rules

    rules = load_rules()[0]
    codes = {rules[ri].code for _s, _e, ri, _st in _matcher().matches(normalise(text)[0])}
    assert (code in codes) is found


@pytest.mark.parametrize("text, kept", [
    ("No ads, giveaways, promo codes or vote links in this group.", False),  # one "no" over a comma list
    ("house rules: no selling, no spam, red packets or raffles", False),
    ("Please keep it friendly: no ads, coupons, or lucky draws here", False),
    ("No joke, giveaways every Friday for members who post!", True),  # an interjection governs nothing
    ("No ads here, but tonight we do giveaways for everyone who shows up at 8!", True),  # the list has ended
])
def test_an_english_negation_governs_its_comma_list(text, kept):
    """The rules' reading (before the learned stage weighs in): a term a negation governs leaves no finding."""
    assert bool({"MN001", "MN002"} & {f.code for f in lint_post(text).findings}) is kept


@pytest.mark.parametrize("text, codes, kept", [
    # Urgency and boasts wear a negation's words; what follows is still the offer.
    ("不要错过秒杀", {"MN003"}, True),
    ("千万不要错过今晚的秒杀", {"MN003"}, True),
    ("别犹豫,红包抽奖今晚开始", {"MN001"}, True),
    ("Don't wait, 30% off all candles today", {"MN002"}, True),
    ("Don\u2019t wait, 30% off all candles today", {"MN002"}, True),  # a phone's curly apostrophe
    ("do not miss it: 20% off everything this weekend", {"MN002"}, True),
    ("Never been cheaper, 2 for $15 on all tees", {"MN005"}, True),
    # ... while a real negation still governs its term.
    ("本群不要发红包", {"MN001"}, False),
    ("不要错发红包哦", {"MN001"}, False),  # 错发 (sending by mistake) is not 错过
    ("Please don't post coupons here", {"MN002"}, False),
    ("Please don\u2019t post coupons here", {"MN002"}, False),
    ("no waiting list, no coupons, just walk in", {"MN002"}, False),
    # waiting and hesitating are urgency only where they end the phrase
    ("不要等群主发红包,今天不发", {"MN001"}, False),
    ("不要犹豫举报广告和红包链接", {"MN001"}, False),
    ("Don't hesitate to report ads, giveaways or promo codes to the mods", {"MN001", "MN002"}, False),
    ("No waiting list, promo codes or referral links in this thread please", {"MN002"}, False),
    ("不会再降价的,这是官方定价,我只是问问", {"MN002"}, False),  # a statement, not 不能再降 (haggling)
])
def test_urgency_in_a_negation_s_words_is_no_negation(text, codes, kept):
    assert bool(codes & {f.code for f in lint_post(text, learned=False).findings}) is kept


@pytest.mark.parametrize("text, weakened", [
    # An English consumer telling what they paid, were charged or saved: the price is their story.
    ("the locksmith charged us $120 to open one door", True),
    ("ugh my water bill is $95 this quarter", True),
    ("I used a 15% off code on the kettle, saved a bit", True),
    ("that place wants $18 for a sandwich now", True),
    ("Petrol prices went up again, $2.10 a litre", True),
    # Friends settling up: a cost split among them is no price list.
    ("it comes to $14 each, pay me back whenever", True),
    ("Dinner was £90 so let's split the bill", True),
    # The seller speaking: "we charge", "I want $40 for it", a for-sale post.
    ("We charge $45 per session, first one is half price", False),
    ("I want $40 for it, pickup only", False),
])
def test_an_english_consumer_report_weakens_its_price(text, weakened):
    """The rules' reading: a price or offer keeps its weight only when the writer is the one selling (a split cost
    leaves no finding at all)."""
    weights = [f.weight for f in lint_post(text, learned=False).findings if f.code in ("MN002", "MN005")]
    assert (max(weights, default=0.0) < STRENGTH["medium"]) is weakened


@pytest.mark.parametrize("text, strong", [
    ("精华液¥199一瓶", True),  # ¥ is how a seller or a price list writes it
    ("the tickets were $25", False),  # in English everyone writes the symbol: one medium cue
    ("£12.50 for two coffees", False),
])
def test_a_currency_symbol_is_strong_only_where_sellers_alone_use_it(text, strong):
    weights = [f.weight for f in lint_post(text, learned=False).findings if f.code == "MN005"]
    assert (max(weights) >= STRENGTH["strong"]) is strong


# A handout offered to the group or to whoever meets a condition is the owner's lure: sure, so the learned stage cannot
# clear it as talk of giveaways; a member's story of one, a thank-you or a ban is not.
@pytest.mark.parametrize("text, sure", [
    ("Raffle tonight for everyone in this chat, winner picked at 9!", True),
    ("red envelopes to whoever finishes the 10k steps first 🧧", True),
    ("a giveaway for anyone who checks in all week", True),
    ("my uncle handed out red packets to everyone at the reunion", False),
    ("the school raffle raised $400, thanks to everyone who bought tickets", False),
    ("no giveaways for whoever posts the most here, just good vibes", False),
])
def test_a_handout_offered_to_the_group_is_sure(text, sure):
    report = lint_post(text, learned=False)
    assert any(f.code == "MN001" and f.weight >= STRENGTH["sure"] for f in report.findings) is sure, report.findings


# Opening hours say a shop speaks ("open till 8"); a deadline ("entries open until 5 Dec") is anyone's notice.
@pytest.mark.parametrize("text, hours", [
    ("we're open till 9pm on Fridays", True),
    ("open until late this Saturday", True),
    ("Entries for the bake-off are open until 5 Dec", False),
    ("voting stays open until the 3rd", False),
    ("sign-ups open until Friday", False),
])
def test_opening_hours_are_not_a_deadline(text, hours):
    assert any(f.code == "MN014" for f in lint_post(text, learned=False).findings) is hours


def test_duplicate_term_in_a_rule_fails_loudly(tmp_path):
    from assistant.guard import RuleError

    src = (RULES_DIR / "MN001_red_packet_or_lottery.toml").read_text(encoding="utf-8")
    (tmp_path / "MN001_red_packet_or_lottery.toml").write_text(
        src.replace('medium = ["幸运儿"', 'medium = ["红包", "幸运儿"'), encoding="utf-8")
    (tmp_path / "profiles.toml").write_text((RULES_DIR / "profiles.toml").read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(RuleError, match="红包"):
        load_rules(str(tmp_path))


def test_codes_unique_and_names_name_patterns():
    assert len({r.code for r in RULES}) == len(RULES)
    assert all("-" in r.name and r.name == r.name.lower() for r in RULES)


@pytest.mark.parametrize("path", [ROOT.parent / "shared" / "eval" / "lint_dev.tsv", FIXTURES / "lint_labelled.tsv"],
                         ids=["shared-dev", "own-labelled"])
def test_precision_recall_floor(path):
    if not path.exists():
        pytest.skip("dev set not present")
    rows = _labelled(path)
    tp = sum(1 for y, t in rows if y and lint_post(t).flagged)
    fp = sum(1 for y, t in rows if not y and lint_post(t).flagged)
    fn = sum(1 for y, t in rows if y and not lint_post(t).flagged)
    assert tp / max(tp + fp, 1) >= 0.95 and tp / max(tp + fn, 1) >= 0.95


def test_own_set_is_large_and_balanced():
    rows = _labelled(FIXTURES / "lint_labelled.tsv")
    assert len(rows) >= 200
    assert 0.4 < sum(y for y, _ in rows) / len(rows) < 0.6


@pytest.mark.parametrize("text,excerpt", [
    ("群裡發個大紅包", "紅包"),          # traditional
    ("红 包 来 了", "红 包"),            # spacing inside the word
    ("红-包,今晚发", "红-包"),           # symbol inside
    ("全场５折", "全场５折"),            # full-width digit; touching matches of one rule are one span
    ("加V了解详情", "加V"),
    ("要的➕微 abc", "➕微"),
    ("详情请加 vx 了解", "加 vx"),
    ("今晚 hongbao 走起", "hongbao"),
    ("🧧🧧 今晚见", "🧧🧧"),
    ("８.８折 会员日", "８.８折"),
    ("私❤️我拿价格表", "私❤️我"),        # decorative symbol inside the word
    ("需要的加威芯 abc888", "加威芯"),   # homophone of 微信
])
def test_disguises_seen_through(text, excerpt):
    report = lint_post(text, learned=False)  # the rules' reading of the disguise, whatever the model makes of a terse post
    assert report.flagged, text
    spans = [text[f.start:f.end] for f in report.findings]
    assert excerpt in spans, spans
    assert all(f.excerpt == text[f.start:f.end] for f in report.findings)


@pytest.mark.parametrize("text", [
    "请勿发广告和红包",
    "群公告:禁止发广告、红包和拉票链接",
    "本群不接受任何优惠券、秒杀链接",
    "聚餐人均60元,费用AA",
    "给坚持满30天的伙伴颁发电子勋章和感谢卡",
    "分享一份免费的跑步训练计划,大家自取",
    "谁有好用的背单词方法?",
    "今天打卡第10天,坚持住",
    "讲个故事:上周我第一次独立完成了一场分享",
    "红包、抽奖、秒杀,这些都是市场规范行为",
    "",
    "   ",
])
def test_social_posts_not_flagged(text):
    assert not lint_post(text).flagged


@pytest.mark.parametrize("text", [
    "群主将 日结兼职888 移出了群聊",
    "群主已将“加微信领红包”移出群聊",
    "“低价代练”撤回了一条消息",
    "王五修改群名为“秒杀优惠群”",
    "小明 拍了拍 全场五折",
    "代刷信誉 被踢出",  # the notice's only hint word is the verb
])
def test_chat_app_notices_are_not_posts(text):
    """Nicknames and group names in the app's own notices are often ads; the notice is not a post."""
    report = lint_post(text)
    assert not report.flagged and report.findings == [] and report.model_score is None


def test_an_invitation_is_not_a_notice():
    assert lint_post("扫码加入群聊领优惠券").flagged


@pytest.mark.parametrize("text", [
    "已交房的业主看过来,全屋定制私信我",  # a home handed over is no payment
    "现在预约的客户优先安排,名额有限,加v",  # a booking still to come
    "已付定金的客户,尾款今晚截止前付清立减200",  # a discount and a countdown keep their weight
    "已经下单的客户,明天恢复原价,还没下单的抓紧私我",  # turning to those who have not ordered
    "已付定金的客户,今晚12点前付尾款送价值199礼盒",  # a gift for paying
    "已经预约的客户周六照常,想约的朋友私我还有两个空",
    "已经下单的客户,再邀请一位好友下单送红包",
    "优惠截止今晚,之后就取消了,赶紧加微信下单",  # a countdown's "之后就取消了" is no story
    "原来卖199,现在只要99,要的私我",  # a price anchor told as a change
    "原来一盒199,现在统一改成99,库存不多,先到先得",
    "最开始299一位,后来改成199,现在限时99,名额只剩5个",
    "已付定金的客户,加购窗帘轨道只需199,私我登记",  # an upsell to those who paid
    "已经预约的客户,推荐朋友来店各得50元,加微信",
    "已经下单的会员们,新品到了,199三件,链接在群公告",
])
def test_notices_and_stories_that_turn_to_selling_stay_offers(text):
    assert lint_post(text, learned=False).flagged


def _rules_score(text: str) -> float:
    return lint_post(text, learned=False).score


@pytest.mark.parametrize("read, plain", [
    # a slogan in quotation marks, with the speaker's own words around it
    ("“限时秒杀”,秒的是我的钱包", "限时秒杀,今晚八点"),
    ("那种“点赞集满38个送礼品”的,最后都要你掏钱", "点赞集满38个送礼品"),
    # a service notice about the reader's own order or account
    ("【影院】您已成功购买2张,已使用优惠券抵扣10元", "【影院】优惠券抵扣10元"),
    ("【某银行】您尾号5521的借记卡消费1280.00元,商户返现5元", "消费满1280元返现5元"),
    # the buyer's voice, told without 我
    ("凌晨蹲点秒杀了一个电饭煲,199", "整点秒杀电饭煲,199"),
    ("店员说周年庆打九折,最后三千四到手。", "周年庆打九折"),
    # the app's rendering of a red packet a member sent; a phone bill
    ("[红包]新赛季快乐,抢完赶紧上分", "群里发红包,抢完赶紧上分"),
    ("【运营商】您本月话费账单已出,套餐费58元,合计58元", "新套餐58元,包月58元"),
    # a treasurer's account of money spent together
    ("班费使用明细公示:购买绿植56元,剩余1512元", "绿植56元一盆,仅剩12盆"),
    # ... or what members owe their class, collected by the organiser; a salesman's push told by the one pushed
    ("练习册每本28元,两本共56元,开学由班长统一收取", "练习册每本28元,两本共56元,开学特价"),
    ("理发师一直在推销办卡,充1000送300", "办卡充1000送300"),
    # someone else's business, pointed at from outside; a client's words reported in a work chat
    ("校门口的奶茶店学生证打九折,每次都忘带", "学生证打九折"),
    ("客户说能给八折就签", "能给八折"),
    # the shop's notice about what the customer already booked, or about its own opening hours
    ("您报名的瑜伽课还剩3节课,请在月底前约课,小班教学,试听请提前说", "瑜伽课小班教学,试听请提前说"),
    ("本店周一店休,营业时间调整为早九点到晚九点", "本店营业时间早九点到晚九点,欢迎光临"),
    # ... or to those who already paid or ordered (what was paid named, or who ordered after 的)
    ("已付定金的客户周六按时来取,尾款到店结清", "定金300元,周六前来取,尾款到店结清"),
    ("已经下单的客户明天统一发货,有问题私我", "今天下单明天统一发货,有问题私我"),
    # a member giving away what they no longer need; the same words as a shop's bait, or with a price, are offers
    ("孩子大了用不上,婴儿床免费送,自己来拿,有需要的私我", "婴儿床免费送,有需要的私我"),
    ("搬家多出一个书架,免费送,自提", "搬家多出一个书架,五十块,自提,私我"),
    ("多了一箱牛奶,免费送,自提", "进店免费送牛奶,扫码关注"),
    # ... things left over or gathering dust, taken away for free with the postage paid by the taker; a shop's "pay
    # the postage" is the bait
    ("鱼缸多出来两个滤材盒,免费送,邮费自理", "滤材盒免费送,只需付邮费,扫码领取"),
    # the story of how a group gave market norms up, told from its start
    ("奶茶店群最开始天天抢券,后来全停了,现在大家一起跑步", "奶茶店群天天抢券,今晚继续,大家准备好"),
    ("我们群一开始只发优惠券,后来改成每周一起做一款面包", "我们群每天发优惠券,每周一款面包"),
    # staff handed a promotion to plan, not running it
    ("店长让我想想下个月的满减活动怎么做", "下个月满减活动,满200减30"),
    # a red packet in someone's own life: received, missed, asked for, gift money at a wedding or a first birthday;
    # the same packet offered to whoever joins, orders or comes to the shop, or promised again next week, is a lure
    ("恭喜新郎新娘,红包已奉上,白头偕老", "恭喜开业,群里红包已发,生意兴隆"),
    ("开会没看手机,错过了好几个红包", "进群抢红包,好几个等你"),
    ("明天考试,求个红包沾沾喜气", "明天开业,进群发红包沾沾喜气"),
    ("年会抽奖又是陪跑,连个三等奖都没有", "年底抽奖,下周继续抽三等奖"),
    # ... and a festive packet handed to the whole group, or a prize for the luckiest, is the owner's lure too
    ("表姐家宝宝满月,红包已经包好了", "宝宝满月,红包给大家,手气最佳有奖"),
    # people say "work from home" of their own job; offered as an opening, it is the pitch
    ("Since the baby I work from home on Fridays, so quiet", "Work from home opportunity for mums, message me"),
])
def test_context_weighs_a_term_less(read, plain):
    assert _rules_score(read) < 0.5 <= _rules_score(plain)


@pytest.mark.parametrize("text", [
    "出个主意:每人出200", "出张图,100多人点赞", "出点汗就好了,今天走了12000步", "收个尾,预算还剩3000左右",
    "收房了,装修预算大概20万左右", "今天跑了800m我就不行了", "我有几本旧书,要的话明天来拿,免费送",
])
def test_trading_verbs_in_their_everyday_sense(text):
    assert not [f for f in lint_post(text, learned=False).findings if f.code == "MN011"], text


@pytest.mark.parametrize("text, code", [
    ("出羽绒服,穿过两次,颜色不喜欢", "MN011"),  # a trader's opening with no price yet: evidence, not a flag
    ("收:旧笔记本电脑,坏的也行", "MN011"),
    ("代练原神深渊,周末有空", "MN011"),
    ("有事找我 微信 rainy_lin88", "MN007"),  # a WeChat ID after the word, like a QQ number
    # a provider's card: the trade and the offer of it together
    ("我是退休的钢琴老师,可以上门教小朋友", "MN014"),
    ("本人装修师傅,水电改造有问题可以问我", "MN014"),
    # a phone number as written abroad: national groups, international, a US area code in brackets
    ("Gutters cleared, ring Dave 07812 450 913", "MN007"),
    ("Call the workshop on 020 7946 0187", "MN007"),
    ("WhatsApp +65 9123 4567 for the menu", "MN007"),
    ("Booking line (312) 555-0199", "MN007"),
])
def test_a_traders_opening_or_a_handle_is_evidence(text, code):
    found = [f for f in lint_post(text, learned=False).findings if f.code == code]
    assert found and all(f.weight <= 0.45 for f in found), text


@pytest.mark.parametrize("text, code", [
    ("I'm growing my team this month, flexible hours around the kids", "MN009"),  # a downline told as a team
    ("Taking on 2 new partners before Christmas, could one be you?", "MN009"),
    ("Want to make an extra $400 a week? It works for me", "MN009"),
    ("I earn from my phone in the evenings now", "MN009"),
    ("Comment 'info' and I'll send the details", "MN007"),  # a keyword to send for the details
    ("My DMs are open if you want to know more", "MN007"),
    ("Results every weekend, join us on Telegram @tips_kingdom", "MN007"),
])
def test_english_recruiting_and_reply_bait_are_evidence(text, code):
    assert [f for f in lint_post(text, learned=False).findings if f.code == code], text


@pytest.mark.parametrize("text, code", [
    ("Trims are £4 off for the rest of the month at our salon", "MN002"),  # a currency before "off", not only $
    ("RM20 off any set lunch this week", "MN002"),
    ("Garden centre deal of the week: compost bags, three for twelve", "MN002"),
    ("Our 3 for 2 on paperbacks runs until Sunday", "MN002"),
    ("A free shoe shine with every resole this month", "MN012"),  # a reward for a purchase
    ("With any framing order you get a complimentary mount", "MN012"),
    ("Two classes on us if you join before the holidays", "MN012"),
    ("Children eat well here, and kids eat free on Tuesdays", "MN012"),
    ("Goodie bags for the first 30 through the door on Saturday", "MN012"),
])
def test_english_shop_offers_are_flagged_by_the_rules(text, code):
    report = lint_post(text, learned=False)
    assert report.flagged and [f for f in report.findings if f.code == code], text


@pytest.mark.parametrize("text", [
    "FS: hiking boots size 9, worn twice",  # a trading group's shorthand opening the post
    "Dining table and 4 chairs, £90 collected",  # a price with its terms
    "Bread maker, barely touched, price in the comments",
    "Road bike, 56cm frame, photos on request",
])
def test_english_trading_shorthand_is_evidence(text):
    assert [f for f in lint_post(text, learned=False).findings if f.code == "MN011"], text


@pytest.mark.parametrize("text", [
    "Haggled at the garage and we got £200 off the service, felt good",  # the buyer's discount
    "I got 15% off with my student card, worth asking",
    "they got $40 off the fridge because of the dent",  # the space before a price sign is kept, so "got $40 off" reads
    "FSA rules changed again at work",  # FS only as a post's opening word
    "We split it, £12 each for both of us",
    "Final score 2-1, kick off was at 0730",  # numbers that are no phone
    "Version 10.2 123 4567 build failed again",
])
def test_english_buyers_and_lookalikes_are_no_offer(text):
    assert not lint_post(text, learned=False).flagged, text


@pytest.mark.parametrize("text", [
    "加入我们,发展的下线越多,每月分红越多",  # a downline promised
    "跟着我干,以后你招的人都算你的下线",
    "我已经带了二十几个下线,你也可以",
])
def test_a_downline_is_recruiting(text):
    report = lint_post(text, learned=False)
    assert report.flagged and [f for f in report.findings if f.code == "MN009"], text


@pytest.mark.parametrize("text", [
    "帮店铺写评价,每条给3块,手机就能做",  # a task paid by the piece
    "下载这个app注册,一个就给十五",
    "群里转发一次两块钱,日结",
    "保证不是传销,大家放心来了解",  # a pitch vouching for itself
    "零基础也没关系,我手把手带",
])
def test_paid_tasks_and_self_vouching_are_recruiting_evidence(text):
    assert [f for f in lint_post(text, learned=False).findings if f.code == "MN009"], text


@pytest.mark.parametrize("text", [
    "做我们这个不用压货,手机就能打理",  # the scheme's promise
    "不要入会费,随时可以退出",
    "分享一单就有提成,自己买还省钱",  # pay per referral
    "介绍一位就给五十块",
    "想翻身的私我,名额不多",  # a call to those who want it
    "想搞钱的姐妹联系我",
    "这个月再带三个想改变的宝妈",  # the few places left
])
def test_quiet_recruiting_is_evidence(text):
    assert [f for f in lint_post(text, learned=False).findings if f.code == "MN009"], text


@pytest.mark.parametrize("text", [
    "双十一我不囤货了,用多少买多少", "租房不用押金,这个中介还挺好",  # one's own shopping and rent
    "我想了解一下他为啥找我", "周六爬山,想加入的找我报名",  # a question, an outing
    "周六搬家缺两个有空的人帮忙抬柜子", "帮我推荐一个有五星好评的餐厅",
    "工资到账截图都发群里了,哈哈",
])
def test_everyday_lookalikes_are_no_recruiting_evidence(text):
    assert not [f for f in lint_post(text, learned=False).findings if f.code == "MN009"], text


@pytest.mark.parametrize("text, evidence", [
    ("这周还有三个档期,周末的先到先约", True),  # slots left to book
    ("下个月只剩两个空档了", True),
    ("想做美甲的提前预约哈", True),  # book early if you want one
    ("要修表的早点约,年底忙", True),
    ("这个月只有两个周末在家", False),  # anyone's diary
    ("我这周只有两个晚上有空,周三和周五", False),
    ("明天团午饭,要的提前说", False),  # a group lunch
    ("想吃的提前讲,我好多做点", False),
    ("明天顺路去趟宜家,想买的提前告诉我", False),
])
def test_a_chinese_providers_diary_is_evidence(text, evidence):
    found = [f for f in lint_post(text, learned=False).findings if f.code == "MN014"]
    assert bool(found) == evidence, text


@pytest.mark.parametrize("text", [
    "他刚下线,说明天再上", "你的下线时间也太早了吧",  # logging off a game
    "菜市场的草鱼一条十二块", "我刚注册了一个账号,好难用",
    "传销害人不浅,我舅舅被骗了",
])
def test_logging_off_and_fish_prices_are_no_recruiting(text):
    assert not [f for f in lint_post(text, learned=False).findings if f.code == "MN009" and f.weight >= 0.45], text


@pytest.mark.parametrize("text", ["Our team at work is short staffed again", "I took on two extra shifts this week",
                                  "Comment on the photo if you remember this place", "My inbox is a mess after the holidays"])
def test_english_work_talk_is_no_recruiting(text):
    assert not [f for f in lint_post(text, learned=False).findings if f.code in ("MN009", "MN007")], text


@pytest.mark.parametrize("text", ["出差回来了,给大家带了特产", "收到快递了,包装很好", "出来吃饭吗", "收衣服啦要下雨了",
                                  "出了点小事故,人没事", "微信步数今天两万", "我是护士,今天又是夜班",
                                  "我是律师,这种情况你可以去申请劳动仲裁"])
def test_everyday_openings_are_no_trade(text):
    assert not [f for f in lint_post(text, learned=False).findings if f.code in ("MN011", "MN007", "MN014")], text


@pytest.mark.parametrize("text, code", [
    ("招商银行的信用卡账单出来了", "MN009"),     # the bank, not 招商 (inviting franchisees)
    ("11月13日入账,记得查收", "MN009"),           # a date, not 日入 (daily income)
    ("奶茶店兼职累吗", "MN009"),                  # one's own side job, asked about
    ("我玩啊 大招开团超爽", "MN004"),             # a team fight in a game
    ("扣1", "MN007"),                             # a confirmation in a class group
    ("工作群少发这些,有需要的私下聊", "MN007"),     # privately, not 私我
    ("周六上午开业主大会,议题是停车", "MN010"),     # 开 + 业主, not 开业
])
def test_a_word_in_another_sense_is_not_a_flag(text, code):
    report = lint_post(text, learned=False)
    assert not report.flagged and all(f.weight < 0.5 for f in report.findings if f.code == code)


@pytest.mark.parametrize("text", ["诚招城市合伙人,招商加盟热线", "急招兼职,手机在家可做,日结", "想要的扣1",
                                  "今日开团,东北大米接龙", "帮我点一下砍价链接",
                                  "小姑娘必备,美白精华,原价199今天99"])  # 小姑娘 is no aunt (姑 is family)
def test_the_pitch_forms_stay_strong(text):
    assert lint_post(text, learned=False).flagged


@pytest.mark.parametrize("text, flagged", [
    # A number to call or add next to any commercial cue is a pitch; masked digits (x) count too.
    ("出二手婴儿车 八成新 三百 电话13912340000", True),
    ("一口价450 qq 2233445566", True),
    ("【某某口腔】洗牙特价,详询1xxxxxxxxxx", True),
    ("包装修 全包 报价透明 热线0571 86661234", True),
    # ... and alone it is a friend's number, a lost wallet or the courier's.
    ("我电话13912340000 到了打我", False),
    ("捡到一个钱包,失主请联系13912340000", False),
    ("快递员电话13912340000,放门卫了", False),
])
def test_a_number_is_a_way_to_reach_the_seller(text, flagged):
    assert lint_post(text, learned=False).flagged is flagged, text


@pytest.mark.parametrize("text", [
    # A notice about a booking or the shop's hours does not excuse the offer stuck onto it ...
    "闭店清仓,全场三折,最后三天",
    "年前最后一批,25号停止发货,要的赶紧下单",
    "您想购买的好物都在这里,全场五折,限时三天",
    "【某某健身】您预约的体验课可升级年卡,原价3999现价1999,仅限本周,回复1办理",
    # ... nor does a free gift that comes with a purchase, a sample or a WeChat to add
    "活动力度大了,买两件免费送保温杯,要的私聊",
    "工厂库存多出500台按摩仪,免费送,只需付邮费,加微信abc123领",
    # ... nor a word that also names a game, nor a "message received" that ends in the writer's own call
    "亲子游戏乐园周末买一送一,限时抢购,名额有限,先到先得",
    "话费首充50送50,限时三天,仅限新用户",
    "收到厂家通知:最后一批特价货,199两件包邮,要的抓紧",
    "刚收到一条消息:家人们,我们店周年庆全场五折,需要的私我",
    # ... nor a roommate or a partner named in a pitch
    "宿舍室友都在用的面膜,买二送一,数量有限",
    "女朋友都说好用的口红,今天下单立减50",
])
def test_an_exemption_does_not_excuse_an_offer(text):
    assert lint_post(text, learned=False).flagged, text


@pytest.mark.parametrize("text", ["我电话13912340000 到了打我", "孩子发烧了,儿科电话0571 86661234,先打电话问问",
                                  "这系统bug百出,谁设计的", "二十出成绩,好紧张", "这个副本boss太难了,今天不刀了"])
@pytest.mark.parametrize("group_type", [None, "super", "delivery"])
def test_a_number_or_a_word_alone_flags_no_group(text, group_type):
    """Strict groups weigh evidence more and never let the model clear it: one weak hint must stay a hint."""
    assert not lint_post(text, group_type=group_type, learned=False).flagged, text


@pytest.mark.parametrize("text, cue", [
    ("【山野民宿】院子里的桂花开了", "business"),
    ("我们果园的蓝莓熟了", "business"),
    ("我是城东车行的小王", "business"),
    ("我们果园周末开放,带孩子来摘草莓吧", "invite"),
    ("【小鹿美甲店】新款上了,想做的来找我", "invite"),
    ("您预订的蛋糕已做好,下午到店自提", "notice"),
    ("本店周日盘点,暂停营业一天", "notice"),
    ("表妹结婚,红包已经随了", "personal_cash"),
    ("Clearing out the shed: giving away our old camping chairs, free to whoever wants them", "giveaway"),
    # a member's things gathering dust or left over, to take away, the postage paid by the taker
    ("那台旧的投影仪放着吃灰,白送,到付", "giveaway"),
    ("我有几本旧的漫画,可以送给有需要的群友,喜欢的直接拿走", "giveaway"),
])
def test_the_learned_stage_reads_who_speaks(text, cue):
    """Cues the learned stage weighs (never findings alone): a business speaking as itself, an invitation to
    come, a notice about an order or the shop's own running."""
    assert _cues(Context(normalise(text)[0]))[cue], text


@pytest.mark.parametrize("text", ["我们小区的快递站搬了", "我们公司楼下新开了一家面馆", "周末来我家吃饭呀",
                                  "欢迎再次光临", "你买的那个好用吗"])
def test_everyday_words_are_not_those_cues(text):
    cues = _cues(Context(normalise(text)[0]))
    assert not (cues["business"] or cues["notice"] or cues["invite"]), text


@pytest.mark.parametrize("text, own", [
    ("我刚开了一家面包店,在人民路", True),
    ("我家人开了一家小超市,就在菜场旁边", True),
    ("咱们在城西又开了一家分店", True),
    ("本人在大学城开了一家打印店", True),
    ("他们家开了一家分店", False),
    ("你家开了一家新店啊", False),
    ("大家在这边开了一家店的话", False),
    ("我觉得他们家开了一家分店挺好", False),
])
def test_a_shop_opened_is_the_writers_only_when_the_writer_says_so(text, own):
    """MN014 reads "opened a shop" as self-introduction only after 我/我们/我家(人)/咱们/自己/本人."""
    found = any(f.code == "MN014" for f in lint_post(text, learned=False).findings)
    assert found is own, text


def test_empty_text_has_no_findings():
    r = lint_post("")
    assert r.flagged is False and r.findings == [] and r.score == 0.0


@pytest.mark.parametrize("bad", [None, 123, b"bytes", ["list"]])
def test_non_string_is_type_error(bad):
    with pytest.raises(TypeError, match="字符串"):
        lint_post(bad)


def test_finding_shape_and_report_dict():
    r = lint_post("原价128现价68,只剩今天,私聊下单")
    assert isinstance(r, LintReport) and r.flagged and 0 < r.score <= 1
    f = r.findings[0]
    assert isinstance(f, Finding)
    d = r.to_dict()
    assert set(d) >= {"flagged", "score", "findings"}
    assert set(d["findings"][0]) >= {"code", "name", "severity", "message", "start", "end", "excerpt", "rationale", "suggestion"}
    assert f.severity in ("suggestion", "warning", "error")
    assert "《" in f.rationale


@pytest.mark.parametrize("group_type,expect_flag,expect_sev", [
    (None, True, "error"),
    ("flash", False, "suggestion"),
    ("快闪群", False, "suggestion"),
    ("super", True, "error"),
    ("交付群", True, "error"),
])
def test_group_type_profiles(group_type, expect_flag, expect_sev):
    r = lint_post("今晚5折,优惠券在群公告", group_type=group_type)
    assert r.flagged is expect_flag
    assert {f.severity for f in r.findings if f.code == "MN002"} == {expect_sev}


def test_price_is_warning_by_default_but_error_in_super_group():
    assert {f.severity for f in lint_post("精华液¥199一瓶").findings} == {"warning"}
    assert {f.severity for f in lint_post("精华液¥199一瓶", group_type="super").findings} == {"error"}


def test_unknown_group_type():
    with pytest.raises(ValueError, match="未知的群类型"):
        lint_post("hi", group_type="nonsense")


def test_goal_is_woven_into_suggestions():
    r = lint_post("群里发红包啦", goal="60天,改变身形")
    assert "60天,改变身形" in r.findings[0].suggestion


def test_profiles_cover_the_four_group_types():
    labels = {p.label for p in PROFILES.values()}
    assert {"快闪群", "新用户群", "超级用户群", "交付群"} <= labels
    assert resolve_profile(None).name == "goal"


def test_offsets_map_back_after_removed_separators():
    text = "大家好 , 今晚 红 - 包 来了"
    norm, removed = normalise(text)
    r = lint_post(text)
    f = next(f for f in r.findings if f.code == "MN001")
    assert text[f.start:f.end] == "红 - 包"


@pytest.mark.parametrize("text, norm", [
    ("Just qualified. I do home visits", "just qualified. i do home visits"),  # a full stop between sentences stays
    ("Done.   Next week", "done. next week"),  # ... with one space after it
    ("w. e. c. h. a. t me", "wechat me"),  # letters spelled out with stops still join
    ("8. 8折", "88折"),
    ("红 . 包", "红包"),
    ("Roof racks. $350 ono", "roof racks. $350 ono"),  # a currency sign before a number opens a word
    ("we got £50 off", "we got £50 off"),
    ("价格 ¥350", "价格¥350"),  # ... but Chinese still joins
    ("pay $ now", "pay$now"),  # a sign with no number after it is a symbol inside a run
    ("We\u2019re open, don\u2019t miss it", "were open,dont miss it"),  # a phone's curly apostrophe goes as a straight one does
    ("rock \u2018n\u2019 roll", "rock n roll"),
])
def test_normalising_keeps_english_sentences_apart(text, norm):
    got, removed = normalise(text)
    assert got == norm
    assert len(text) - sum(e - s for s, e in removed) == len(got)  # every removed character is accounted for


@pytest.mark.parametrize("straight", [
    "We've got two slots left this week, message me if you'd like one",
    "I'm so glad we didn't book that place, it's awful",
    "Don't miss out, we're doing 20% off everything till Sunday",
    "Please don't post ads or promo codes, we're a running club",
])
def test_a_curly_apostrophe_reads_as_a_straight_one(straight):
    curly = straight.replace("'", "\u2019")
    a, b = lint_post(straight), lint_post(curly)
    assert (b.flagged, b.score, b.model_score, [f.code for f in b.findings]) == (
        a.flagged, a.score, a.model_score, [f.code for f in a.findings])


@pytest.mark.parametrize("text", ["No ads. Giveaways tonight for everyone who posts a photo!",
                                  "No spam please. Free gift for everyone who joins tonight"])
def test_an_english_full_stop_ends_what_a_negation_governs(text):
    assert lint_post(text, learned=False).flagged  # "no" governs its own sentence, not the next one's offer


@pytest.mark.parametrize("head, unit, size", [
    ("", "今天打卡,坚持运动,和大家一起进步。", 90000),
    ("", "出个满级的号 皮肤四十多个 1500r 可小刀。", 90000),  # several findings per sentence
    ("", "他说“全场五折”真烦,又收到短信:“回复“1”领券”。", 90000),  # many quotations, nested ones too
    # Shapes that were quadratic (kept small so a regression fails in seconds, not minutes):
    ("元", "1234567890", 2000),  # one long digit run after a price word
    ("", "一百二十", 2000),  # one long run of Chinese numerals
    ("", "元1块2折3", 2000),  # one unpunctuated clause holding thousands of findings
])
def test_one_megabyte_post_is_linear(head, unit, size):
    import gc

    small = head + unit * (size // len(unit))
    big = head + unit * (size * 10 // len(unit))  # ~1 MB of UTF-8 for the long units
    def best(text: str) -> float:
        """The best of three, with the collector off as timeit does: a browser test or a collection running at the
        same moment slows one run, not all three."""
        times = []
        gc.collect()
        gc.disable()
        try:
            for _ in range(3):
                t = time.perf_counter(); lint_post(text); times.append(time.perf_counter() - t)
        finally:
            gc.enable()
        return min(times)

    t_small, t_big = best(small), best(big + "。群里发红包")
    r = lint_post(big + "。群里发红包")
    assert r.flagged and r.findings[-1].excerpt == "红包"
    assert t_big < max(t_small, 0.002) * 30  # 10x the text, well under quadratic growth


@pytest.mark.parametrize("edit, needle", [
    (("type = \"cash\"", "type = \"cahs\""), "cahs"),
    # a pattern that does not compile (here a lookbehind of two widths) names its file
    (("'转盘(?<![0-9x号李]转盘)", "'转盘(?<!(号|李四)转盘)"), "MN001_red_packet_or_lottery.toml: 正则"),
])
def test_unknown_rule_type_fails_at_load(tmp_path, edit, needle):
    from assistant.guard import RuleError

    for p in RULES_DIR.glob("*.toml"):
        (tmp_path / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    f = tmp_path / "MN001_red_packet_or_lottery.toml"
    f.write_text(f.read_text(encoding="utf-8").replace(*edit), encoding="utf-8")
    with pytest.raises(RuleError, match=needle):
        load_rules(str(tmp_path))


@pytest.mark.parametrize("edit, needle", [
    (("types.price = { severity = \"error\"", "types.pirce = { severity = \"error\""), "pirce"),
    (("learned = \"veto\"", "learned = \"sometimes\""), "sometimes"),
])
def test_unknown_profile_setting_fails_at_load(tmp_path, edit, needle):
    from assistant.guard import RuleError

    for p in RULES_DIR.glob("*.toml"):
        (tmp_path / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    f = tmp_path / "profiles.toml"
    text = f.read_text(encoding="utf-8")
    assert edit[0] in text
    f.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    with pytest.raises(RuleError, match=needle):
        load_rules(str(tmp_path))


@pytest.mark.parametrize("edit, message", [
    (lambda t: t.replace("meta = 0.15", "metta = 0.15"), "metta"),  # an unknown factor (and a missing one)
    (lambda t: t.replace('question_keeps = ["recruit", "contact"]', 'question_keeps = ["recruit", "contakt"]'),
     "contakt"),
    (lambda t: t.replace('list_join = "[和及与或跟]"', 'list_join = "[和及与或跟"'), "list_join"),
    # a chat-app notice the cheap precheck would never let through to the list
    (lambda t: t.replace('"现在可以开始聊天了$",', '"现在可以开始聊天了$",\n  "邀请你加入了$",'), "邀请你加入了"),
    # ... nor one whose hint is optional or in one branch only
    (lambda t: t.replace('"现在可以开始聊天了$",', '"现在可以开始聊天了$",\n  "邀请(你)?(加入了群聊|上车)$",'),
     "上车"),
    (lambda t: t.replace('"现在可以开始聊天了$",', '"现在可以开始聊天了$",\n  "被(管理员)?提醒$",'), "提醒"),
])
def test_context_words_are_checked_when_loaded(tmp_path, edit, message):
    from assistant.errors import ConfigError
    from assistant.guard_context import CONTEXT_PATH, load_context

    path = tmp_path / "context.toml"
    path.write_text(edit(CONTEXT_PATH.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_context(path)


def test_every_rule_speaks_english_too():
    from assistant.guard import load_rules

    assert all(r.message_en and r.suggestion_en for r in load_rules()[0])


@pytest.mark.parametrize("post, english", [("Flash sale! 50% off everything today only, DM me to order", True),
                                           ("今晚8点群里发红包,扫码领券", False)])
def test_a_post_is_explained_in_its_own_language(post, english):
    report = lint_post(post, goal="60天,改变身形")
    assert report.flagged and report.findings
    for f in report.findings:
        has_cjk = any("\u4e00" <= ch <= "\u9fff" for ch in f.message)
        assert has_cjk is not english, f.message


@pytest.mark.parametrize("text, flagged", [
    # Knocking rivals is how some pitches open: the dismissal must not silence the offer after it.
    ("别信那些割韭菜的课程,跟着我做,稳赚不赔,加微信", True),
    ("外面那些都是骗局,我们正规平台,日入300,带你做", True),
    ("别信外面那些骗人的,我家纯手工,一斤只要30元,加微信", True),
    ("包过都是瞎说的", False),
    # Words with another sense: a router's 连接码, a child's homework at home, one order settled at work.
    ("WiFi连接码贴在路由器背面", False),
    ("寒假孩子在家做任务打卡,每天一张", False),
    ("这一单结算完我就下班", False),
    ("首次不免费哦,第二次才免费", False),
    ("红包收到了,谢谢姑姑!祝您新年身体健康", False),
    ("招打字员,手机上做任务,一单一结", True),
    # Trading posts as traders write them, and the same verbs in everyday use.
    ("收一台二手单反 预算三千以内 有的带价私", True),
    ("出个满级账号 皮肤齐全 888r 可议 m我", True),
    ("买号一定要走平台,别私下转账", False),
    ("出成绩了,英语考了135,比上次多15分", False),
    ("收到快递了,一共3箱,明天分给大家", False),
    ("收一块二手主板 成色别太差 预算五百 有的带价来", True),  # 别太 (not too) forbids nothing
    # Reported speech: a pasted spam SMS in a complaint, a salesman's push told by the one pushed.
    ('又收到这种短信:"【某某装修】年底特惠,全包装修低至8折,回复1预约上门量房",烦不烦', False),
    ("健身房的教练一直在推销私教课,一节三百,我说我再想想", False),
    ("本店不推销不办卡,剪发一律30元,欢迎到店", True),
    # ... but an advert does not hide behind a label or its own words in quotation marks
    ('活动通知:"本店周年庆,全场五折,满200减50,电话13812345678",欢迎大家', True),
    ('宣传语:"专业疏通下水道,随叫随到,价格公道",电话13812345678', True),
    ('我说:"出个满级账号 皮肤齐全 888r 可议 m我",有意私聊', True),
    ('关注公众号即可收到"新品上市 会员专享八折 满100减30"', True),  # what the reader will get is no report
    ('大家看到"店庆大酬宾 全场五折 加微信abc123领券"就是我们店,快来', True),
    ("又收到这种短信:“【某某装修】年底特惠,回复“1”预约上门量房,全装低至8折,退订回T”烦不烦", False),
    # A member giving away their own things: neither the rules nor the learned stage read 免费送/自提 as a shop's
    ("姐妹们孩子大了衣服穿不了,免费送,自取就行,有需要的私我", False),
    ("搬家多出一个书架,免费送,自提", False),
    ("新款手机壳多了一批,免费送,运费自理,私我发链接", True),
    # ... or reported after a colon with no marks: the report runs to the end of its sentence
    ("今天收到一条短信:尊敬的客户,全场五折,满200减50,点击链接领取。我根本没去过这家店", False),
    ("昨天收到一条短信\uff1a\"【某某驾校】冬季班特价2999元,报名就送接送,详询138xxxx\"\uff0c谁把我号码卖了", False),
])
def test_senses_and_speakers(text, flagged):
    assert lint_post(text).flagged is flagged, text


@pytest.mark.parametrize("text, reported", [
    ("今天收到一条短信:全场五折,点击链接领取。我根本没去过", "全场五折,点击链接领取"),
    ("又收到推送:新人首单立减20", "新人首单立减20"),
    ("老板说:今天全场八折", None),  # staff may relay their own shop's offer: speech is no received message
    ("收到短信:“回复1领券”,骗子吧", "回复1领券"),  # marks of its own: the quotation is the report
])
def test_a_received_message_after_a_colon_is_reported_speech(text, reported):
    spans = quote_spans(text)
    if reported is None:
        assert spans == []
    else:
        assert [text[s + 1:e - 1] for s, e in spans] == [reported]


@pytest.mark.parametrize("text, own", [
    ('朋友圈又刷到"全场五折,扫码领券",烦', '朋友圈又刷到"…",烦'),  # a slogan one came across
    ('刚看到了"限时秒杀 九块九包邮",又是套路吧', '刚看到了"…",又是套路吧'),
    ('店员说"办卡打八折",我没办', '店员说"…",我没办'),
    ('我说"出个满级账号 888r",有意私聊', None),  # the writer quoting their own offer reports nobody
    ('本店口号"好吃不贵",欢迎来尝', None),  # a label is no frame
    # ... nor what the reader will get, nor a quotation the writer then claims as their own
    ('关注公众号即可收到"新品上市 会员专享八折 满100减30"', None),
    ('扫码就能看到"新人首单立减20元 九块九包邮",快来', None),
    ('大家看到"店庆大酬宾 全场五折 加微信abc123领券"就是我们店,快来', None),
    ('看到"出个满级账号 888r 有意私聊"的就是我,价格好商量', None),
])
def test_the_learned_stage_reads_the_writers_own_words(text, own):
    assert own_words(text) == own


# An inch or foot mark after a number is no quotation mark when the plain marks left then pair up; a mark that
# closes a quotation on a number ("只要998") stays one, and so does every mark when no reading pairs them all.
@pytest.mark.parametrize("text, quoted", [
    ('买了个27"的显示器,老板说"今晚下单立减200"真离谱', ["今晚下单立减200"]),
    ("我身高6'2\",教练说\"每天跑五公里\"就行", ["每天跑五公里"]),
    ("我6'2\" 他5'9\",店员说\"全场五折\",笑死", ["全场五折"]),
    ('27"显示器和32"显示器哪个好', []),  # two inch marks: no quotation between them
    ("He is 6'2\" and the ad said \"50% off today\", lol", ["50% off today"]),
    # ... and the other way: marks that close on a number, or that only pair as written, stay quotation marks
    ('电视购物那个"只要998" 我小时候一直以为很便宜', ["只要998"]),
    ('"一刀999",这游戏广告我看了十年,现在变成了"一刀9999"', ["一刀999", "一刀9999"]),
    ('回复"139"办理,详询10086', ["139"]),
    ('他说"买了27" 然后"', ["买了27"]),  # the stray last mark pairs with nothing either way
    ('尺寸27"全新",可以', ["全新"]),  # dropping the mark after 27 would leave one unpaired
])
def test_an_inch_mark_after_a_number_does_not_shift_the_quotations(text, quoted):
    assert [text[s + 1:e - 1] for s, e in quote_spans(text)] == quoted


@pytest.mark.parametrize("text, flagged", [
    ('刚换了27"的显示器,朋友圈又刷到"全场五折,扫码领券",烦', False),  # the quoted ad is reported, not offered
    ('显示器是27"的,朋友说"全场五折,扫码领券"真离谱,我没去', False),
    ('27"的显示器到了,全场五折,扫码领券', True),  # no quotation at all: the writer's own offer
])
def test_an_inch_mark_does_not_turn_a_reported_ad_into_the_writers_own(text, flagged):
    assert lint_post(text).flagged is flagged, text


@pytest.mark.parametrize("pattern, needed", [
    ("老公(发|给)", {"老公"}),              # the longest string wins over single characters
    ("(老公|老婆)?了", {"了"}),             # an optional group is never required
    ("[王李]总(说|讲)", {"总"}),            # equally long: the smaller set
    (r"would(?<=\bwould) buy again\b", {" buy again"}),
    (r"\d+元", {"元"}),
    ("[^,。]{0,3}的", {"的"}),
    ("(a|b.*)c", {"c"}),
    ("(a|.*)x", {"x"}),                   # a branch with a bare alternative requires nothing
    ("(ab|cd)+e", {"ab", "cd"}),
    ("(?i)abc", None),                    # case-blind: a literal scan would miss ABC
    (".*", None),
    ("a?b?", None),
])
def test_required_strings(pattern, needed):
    from assistant.guard_text import required_strings

    assert required_strings(pattern) == (frozenset(needed) if needed else None)


def test_any_of_answers_as_the_lists_regex():
    """Each context word list's quick reader says yes exactly where its alternation matches, on every bench text,
    on each entry's own words, and with an entry that requires no string at all."""
    import re

    from assistant.guard_context import CTX
    from assistant.guard_text import AnyOf, normalise

    texts = [normalise(line.split("\t")[-1])[0] for f in sorted((ROOT / "bench").glob("*.tsv"))
             for line in f.read_text(encoding="utf-8").splitlines()]
    assert len(texts) > 10000
    for name, rx in vars(CTX.words).items():
        has = getattr(CTX.has, name)
        entries = rx.pattern[1:-1].split("|")
        probes = texts + [e for e in entries if e.isalpha()]
        wrong = [t for t in probes if has(t) != bool(rx.search(t))]
        assert not wrong, (name, wrong[:3])
        assert any(has(t) for t in texts), name  # the comparison ran on texts that match
    loose = AnyOf(["老公(发|给)", "[^a-z0-9]", "红包"])  # the class requires no string: it is searched as a regex
    assert loose.loose is not None
    for t in ("老公发了", "xd", "xyz", "发红包了", "", "ab12"):
        assert loose(t) == bool(re.search("(老公(发|给)|[^a-z0-9]|红包)", t)), t


def test_whole_runs_keeps_every_rules_matches():
    """Anchoring digit and numeral runs changes cost, never what a rule's pattern finds."""
    import re

    from assistant.guard_rules import NUM
    from assistant.guard_text import whole_runs

    free_num = re.sub(r"\(\?<!(\\d|\[[^]]+\])\)", "", NUM)  # the amount without its run anchors
    assert free_num != NUM and "(?<!" not in free_num
    texts = ["满300减50,原价1299现价899", "12345元", "第2件半价 99.9元/盒", "12.5折 3000r出", "1块2毛 20240101元",
             "a12b345c 100元起 1000块钱 55rmb 8.8折", "三百二十元 一百五一盒 两百块起 满二百减三十", "立减50元 再减20块钱 减8折"]
    raw = [p for f in sorted(RULES_DIR.glob("MN*.toml"))
           for ps in tomllib.loads(f.read_text(encoding="utf-8")).get("patterns", {}).values() for p in ps]
    assert len(raw) > 50
    changed = 0
    for p in raw:
        plain, anchored = p.replace("{NUM}", free_num), whole_runs(p.replace("{NUM}", NUM))
        changed += plain != anchored
        for t in texts:
            assert [m.span() for m in re.finditer(plain, t)] == [m.span() for m in re.finditer(anchored, t)], p
    assert changed > 10  # the rewrite did apply
