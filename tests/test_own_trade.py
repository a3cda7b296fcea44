"""The owner's own trade (own_trade.toml): a keyword counts only for what the business itself offers, and when no
playbook fits, the plan is written in the owner's own words, in a goal shape for the kind of business.

Examples written for this test (not the review's or the blind lists' businesses)."""
import re

import pytest
from conftest import assert_load_fails

from assistant import own_trade
from assistant.guard import lint_post
from assistant.planner import plan_goal, playbooks, recognise_business

# (description, the owner's word the goal must name, the kind of goal)
OWN_WORDS = [
    ("我们是做竹笛教学的,学生多是上班族", "竹笛", "skill"),
    ("修电动车的小铺子,也换电瓶", "电动车", "upkeep"),
    ("手风琴调音和维修,上门服务", "手风琴", "upkeep"),
    ("失眠门诊,疗程一般八周", "失眠", "treatment"),
    ("少儿象棋培训,想建家长群", "象棋", "skill"),
    ("蜡染工作室,周末开放", "蜡染", "hobby"),
    ("卖酱菜的小店,老街坊常来", "酱菜", "goods"),
    ("Kayak repair and restoration, mostly river paddlers", "kayak", "upkeep"),
    ("We teach beginner woodturning in a shared workshop", "woodturning", "skill"),
    ("Scoliosis treatment clinic; programmes run 6 months", "scoliosis", "treatment"),
    ("Archery club for adults, weekly practice nights", "archery", "hobby"),
]


@pytest.mark.parametrize("business, word, kind", OWN_WORDS)
def test_no_fitting_playbook_gives_a_plan_in_the_owners_own_words(business, word, kind):
    rec = recognise_business(business)
    assert rec.key == "generic", (rec.keywords, rec.ranking)
    assert rec.offering is not None and rec.offering.kind == kind, rec.offering
    plan = plan_goal(business)
    lang = rec.offering.lang
    assert word in plan.goal and plan.goal != playbooks(lang)["generic"]["goal"]
    assert not lint_post(plan.goal).market_norms, plan.goal
    # The notice says no playbook matched, what was used, and asks what would make it fit.
    said = plan.notices[0]
    assert word in said and ("没有找到" in said or "No playbook" in said)
    assert any("?" in n or "?" in n for n in plan.notices)


def test_a_stated_course_length_is_the_treatment_goals_length():
    assert plan_goal("失眠门诊,疗程一般八周").goal.startswith("八周")
    assert plan_goal("Scoliosis treatment clinic; programmes run 6 months").goal.startswith("6 months")


# (description, the playbook an incidental word used to pick): the word is a modifier, the customers' trade, a
# place the business goes, livestock, or part of the thing repaired.
INCIDENTAL = [
    ("户外拓展攀冰馆,想建个会员群", "travel"),  # 户外 only modifies 攀冰
    ("给火锅店供应底料,客户是火锅店老板", "restaurant"),  # the customers' own trade
    ("We deliver firewood; I park at the farmers market on Saturdays", "farm"),  # where the van parks
    ("给养鸡场看病的兽医", "pets"),  # poultry are no pets
    ("上门修冰箱洗衣机的", "laundry"),  # 洗衣 of 洗衣机: what is repaired
]


def test_a_kind_word_in_the_phrase_about_whom_it_is_for_is_no_offering():
    """"school" of "for little league teams and school sports days" names whom the medals are for, not a school."""
    off = own_trade.offering("Engraved trophies and medals for little league teams and school sports days")
    assert off is None or off.kind != "skill", off


@pytest.mark.parametrize("business, wrong", INCIDENTAL)
def test_an_incidental_word_is_no_evidence(business, wrong):
    assert recognise_business(business).key != wrong


@pytest.mark.parametrize("business", [
    "给奶茶店供应茶叶和糖浆,客户都是奶茶店老板",
    "We supply linens wholesale to small hotels; clients are hotel owners",
])
def test_members_who_run_businesses_get_an_owners_plan(business):
    rec = recognise_business(business)
    assert rec.key in ("b2b", "generic") and rec.offering is not None and rec.offering.kind == "b2b"
    assert rec.offering.head in plan_goal(business).goal


# Plain trades still recognised (the offering's head is the playbook's word).
@pytest.mark.parametrize("business, key", [
    ("少儿篮球培训", "sports_kids"),
    ("我家开了个宠物店,顾客多是养猫的年轻人", "pets"),
    ("修自行车,周末带车友骑行", "bike"),
    ("中医推拿馆,调理颈椎", "clinic_tcm"),
])
def test_an_offering_the_playbook_names_is_still_recognised(business, key):
    assert recognise_business(business).key == key


def test_the_closest_kind_is_named_only_when_close():
    plan = plan_goal("修表修钟,老手艺")
    assert not any("最接近" in n for n in plan.notices)


@pytest.mark.parametrize("text, message", [
    ("replace_trades = []\n", "kind"),
    ('hobbyists = []\n[b2b]\n[filler]\n[notice]\n[notice.kind_zh]\n[notice.kind_en]\n[[kind]]\nname = "x"\n', "缺少"),
])
def test_a_broken_own_trade_file_fails_when_loaded(monkeypatch, tmp_path, text, message):
    assert_load_fails(monkeypatch, tmp_path, own_trade, "OWN_TRADE_FILE", own_trade.data, text, message)


def test_decline_names_real_playbooks(monkeypatch, tmp_path):
    text = own_trade.OWN_TRADE_FILE.read_text(encoding="utf-8").replace("\n[decline]\n", "\n[decline]\nnot_a_playbook = [\"x\"]\n")
    assert_load_fails(monkeypatch, tmp_path, own_trade, "OWN_TRADE_FILE", own_trade.data, text, "not_a_playbook")


def test_own_trade_posts_are_held_to_the_playbooks_bar(monkeypatch, tmp_path):
    """A check-in that counts or presses fails when loaded, as a playbook's post would (planner.PRESSING)."""
    original = own_trade.OWN_TRADE_FILE.read_text(encoding="utf-8")
    text = re.sub(r'(?m)^checkin = "', 'checkin = "今天没做到的说说原因,', original, count=1)
    assert text != original
    assert_load_fails(monkeypatch, tmp_path, own_trade, "OWN_TRADE_FILE", own_trade.data, text, "说说原因")


# (description, the playbook recognised, the owner's focus the plan must name): a focus the playbook's plan never
# names gets the plan of the playbook's `specialty` kind, written for that focus, and a notice says so.
FOCUS = [
    ("中医馆,专门调理痛经,想建个调理群", "clinic_tcm", "痛经"),
    ("皮肤管理中心,主要治疗白癜风", "skincare", "白癜风"),
    ("口腔门诊,隐形矫正为主", "dental", "隐形矫正"),
    ("宠物医院,专做猫狗的肾衰竭长期护理", "pets", "肾衰竭"),
    ("社区药店,来的多是痛风患者", "health", "痛风"),
    ("Dental practice specializing in sleep apnea appliances", "dental", "sleep apnea"),
    ("Physiotherapy clinic, hip replacement rehab patients", "clinic_tcm", "hip replacement"),
]


@pytest.mark.parametrize("business, key, focus", FOCUS)
def test_a_focus_the_playbook_never_names_is_what_the_plan_is_written_for(business, key, focus):
    rec = recognise_business(business)
    assert rec.confident and rec.key == key, (rec.key, rec.keywords)
    plan = plan_goal(business)
    assert focus in plan.goal and plan.goal != playbooks(plan_lang(business))[key]["goal"], plan.goal
    assert any(focus in n and playbooks(plan_lang(business))[key]["label"] in n for n in plan.notices), plan.notices
    assert not lint_post(plan.goal).market_norms


def plan_lang(text: str) -> str:
    return "zh" if re.search(r"[\u4e00-\u9fff]", text) else "en"


# A focus the playbook's plan already names (or none): its plan stands.
@pytest.mark.parametrize("business, key", [
    ("中医推拿馆,主要调理颈椎", "clinic_tcm"),
    ("牙科诊所,想建个老客户群", "dental"),
    ("Family dental clinic, mostly checkups and cleanings", "dental"),
])
def test_a_focus_the_playbook_names_keeps_its_plan(business, key):
    assert own_trade.adapted(business, key) is None
    assert plan_goal(business).goal == playbooks(plan_lang(business))[key]["goal"]


@pytest.mark.parametrize("text, thing", [
    ("康复中心,专做脑卒中后的言语康复", "言语"),
    ("宠物医院,专做老年犬的关节长期管理", "关节"),
    ("眼科门诊,主要做儿童弱视治疗和斜视矫正", "儿童弱视"),
    ("正骨推拿,以腰椎间盘突出为主", "腰椎间盘突出"),
    ("Clinic focused on long covid recovery", "long covid"),
    ("书法教学,线下课为主", None),  # how the lessons are given, not what they teach
])
def test_the_focus_is_the_object_not_how_it_is_dealt_with(text, thing):
    found = own_trade.specialty(text, "treatment", later=False)
    assert (found.thing if found else None) == thing


@pytest.mark.parametrize("text, thing", [
    ("主要服务糖尿病患者的社区门诊", "糖尿病"),
    ("给糖尿病人做饮食指导的营养工作室", "糖尿病"),  # 糖尿病人 is one word: the condition keeps its 病
    ("主要服务心脏病人的康复中心", "心脏病"),  # 心脏病|人
    ("高血压病友的运动课", "高血压"),
])
def test_the_condition_of_the_patients_served_is_whole(text, thing):
    found = own_trade.specialty(text, "treatment", later=False)
    assert found is not None and found.thing == thing


@pytest.mark.parametrize("text", [
    "骨科器械经销,客户是各个县医院的骨科医生",
    "Dental supply company, our customers are small clinics around the county",
])
def test_who_the_customers_are_is_no_focus(text):
    found = own_trade.specialty(text, "treatment")
    assert found is None or found.thing not in text.split("客户是")[-1].split("customers are")[-1], found


# Livestock: a vet, a feed or medicine shop for farmers is the livestock trade (trades.toml), named wherever the
# farmers' animals are said, and never the pets or family-farm plan.
@pytest.mark.parametrize("business", [
    "镇上的兽药店,来买药的都是养猪户",
    "我是兽医,平时跑村里给养牛户的牛看病",
    "Feed store; most of our customers keep cattle and sheep",
])
def test_a_business_for_livestock_farmers_gets_the_livestock_plan(business):
    rec = recognise_business(business)
    assert rec.key == "generic" and (rec.trade or rec.named_trade).name == "畜牧养殖服务", rec
    plan = plan_goal(business)
    assert ("牲畜" in plan.goal or "herds" in plan.goal) and "毛孩子" not in plan.keys.vision


def test_a_pet_vet_stays_the_pets_playbook():
    assert recognise_business("我是兽医,开了一家宠物诊所").key == "pets"


# The owner's answer on members is read as a sentence about the customers: owners of shops make it a B2B plan, so
# a playbook for consumers no longer stands.
@pytest.mark.parametrize("business, members, before", [
    ("茶叶店", "开茶馆的老板,从我这里进货", "tea"),
    ("Flower shop", "hotel owners who order every week", "florist"),
])
def test_an_answer_on_members_can_re_decide_the_playbook(business, members, before):
    assert recognise_business(business).key == before
    plan = plan_goal(business, answers={"members": members})
    assert plan.goal != playbooks(plan_lang(business))[before]["goal"]
    from assistant.planner import _with_answers

    assert recognise_business(_with_answers(business, {"members": members})).key == "b2b"


@pytest.mark.parametrize("old, new, message", [
    ('zh_after = ["为主", "为特色"]', "", "specialty"),  # a word list missing
    ('[notice.adapted]', "[notice.adapted_old]", "notice.adapted"),  # the notice for an adapted plan missing
    ('zh_shop = [', "zh_shops = [", "zh_shop"),
])
def test_own_trade_data_is_checked_when_loaded(monkeypatch, tmp_path, old, new, message):
    text = own_trade.OWN_TRADE_FILE.read_text(encoding="utf-8")
    assert old in text
    assert_load_fails(monkeypatch, tmp_path, own_trade, "OWN_TRADE_FILE", own_trade.data, text.replace(old, new, 1),
                      message)


def test_an_answer_that_the_customers_keep_livestock_gives_the_livestock_plan():
    from assistant.industry import trades

    plan = plan_goal("宠物诊所", answers={"members": "附近村里养鸭养鹅的人家"})
    livestock = next(t for t in trades() if t.name == "畜牧养殖服务")
    assert plan.goal == livestock.plan["zh"]["goal"] != playbooks()["pets"]["goal"]


# Words before the shop word that only say "I opened a ..." name no offering (no goal about "了个").
@pytest.mark.parametrize("text", ["开了个小店", "Just opened a small shop"])
def test_filler_alone_is_no_offering(text):
    assert own_trade.offering(text) is None


# A filler or a kind word counts only as a whole word: 小 of 小提琴 or 小龙虾 is part of the thing, 馆 of 饭馆 and 班
# of 上班族 are no kind word. (description, the thing the owner offers, or None when the words offer nothing)
WHOLE_WORDS = [
    ("小提琴教学,一对一", "小提琴"),
    ("小龙虾专卖店", "小龙虾"),
    ("我们是做大提琴私教的", "大提琴"),
    ("客户是周边小饭馆老板,我们送净菜", None),
    ("写字楼楼下,客人多是上班族", None),
    ("Family-run gelato shop, new flavours every day", "gelato"),
    ("Members-only wine club with monthly tastings", "wine"),
    ("We sell climbing shoes and chalk bags", "climbing shoes"),
]


@pytest.mark.parametrize("business, thing", WHOLE_WORDS)
def test_the_offering_is_a_whole_unit_of_the_owners_words(business, thing):
    off = own_trade.offering(business)
    assert (off.thing if off else None) == thing, off


# Kinds said with a one-character word (课, 班, 吧) or a supplier's word (供应, 批发, 工厂).
KIND_WORDS = [
    ("老年人智能手机课,教用微信视频", "智能手机", "skill"),
    ("成人素描班,晚上上课", "素描", "skill"),
    ("桌游吧,周末组局", "桌游", "hobby"),
    ("手工冰淇淋店,每天现做", "冰淇淋", "goods"),
    ("办公耗材供应,客户是写字楼公司的行政和采购", "办公耗材", "b2b"),
    ("给奶茶店批发珍珠和椰果", "珍珠", "b2b"),
]


@pytest.mark.parametrize("business, head, kind", KIND_WORDS)
def test_kinds_said_in_one_character_or_as_a_supplier(business, head, kind):
    off = own_trade.offering(business)
    assert off is not None and off.head == head and off.kind == kind, off


@pytest.mark.parametrize("business, b2b", [
    ("实验室试剂供应,客户是医院检验科的医生和采购", True),  # buyers buy for a business
    ("Garden supply store for home growers", False),  # a supply store sells to anyone
    ("We supply linens to small hotels", True),
    ("Label design for craft beer brands", True),  # work done for businesses by name
    ("给连锁餐饮品牌做菜单设计", True),
    ("Label design for my own jam", False),
])
def test_buyers_make_a_business_customer_and_a_supply_store_is_retail(business, b2b):
    assert own_trade.is_b2b(business) is b2b


@pytest.mark.parametrize("business, condition", [
    ("痛风专科门诊,想建个病友群", "痛风"),
    ("肿瘤康复门诊,主要服务癌症患者", "癌症"),
    ("Clinic for people living with psoriasis", "psoriasis"),
])
def test_a_condition_is_no_task_to_see_through(business, condition):
    plan = plan_goal(business)
    text = " ".join([plan.goal, plan.ideal, *plan.keys.rules])
    assert condition in text
    assert f"把「{condition}」坚持" not in text and f"seeing {condition} through" not in text, text


# Kinds of work a plan is written for when no playbook fits: a service the members go through once (an agency, a
# consultancy), what an opening says is sold when the verb comes later, and two kind words joined.
@pytest.mark.parametrize("business, head, kind", [
    ("出国留学咨询,帮学生申请学校", "出国留学", "service"),
    ("Immigration consultancy for skilled workers", "immigration", "service"),
    ("自己腌的咸鸭蛋,在小区群里卖", "咸鸭蛋", "goods"),
    ("腊月前灌香肠卖,只卖一个月", "香肠", "goods"),          # made, then sold: the object of the first verb
    ("卖织好的围巾和手套,也接定制", "围巾", "goods"),        # what 织好的 describes
    ("山里牧场直送土鸡蛋", "土鸡蛋", "goods"),
    ("手风琴调音和维修,上门服务", "手风琴", "upkeep"),
    ("控糖饮食课,学员多是糖尿病患者", "控糖饮食", "skill"),  # a class teaches cooking, not the patients' illness
])
def test_the_kind_and_the_thing_in_the_owners_words(business, head, kind):
    rec = recognise_business(business)
    off = rec.focus or rec.offering
    assert off is not None and off.head == head and off.kind == kind, (rec.key, off)
