"""Businesses no playbook covers: the plan is built from the owner's own product or service as a clean noun phrase,
customers who are businesses get a working goal, a short selling season gets a flash group, and people at a hard
moment (a separation, a serious illness) get the gentle support trade, whatever the opening names.

Examples written for this test (not the review's dev list or the blind lists)."""
import pytest

from assistant import own_trade
from assistant.industry import trade_named
from assistant.planner import group_choice, plan_goal, recognise_business

# (what was read, language, the clean noun phrase or "" when nothing clean is left)
CLEAN = [
    ("电脑换主板", "zh", "电脑"),            # work done after the thing: cut before the verb
    ("卖给北京天津", "zh", ""),              # a verb and its recipients, no thing
    ("给宁波温州", "zh", ""),
    ("三个月", "zh", ""),                    # a time
    ("二十来箱", "zh", ""),                  # an amount
    ("私人", "zh", ""),                      # a modifier alone
    ("课一样", "zh", ""),                    # a likeness
    ("成都冷吃兔", "zh", "成都冷吃兔"),      # 都 inside a place name is no function word
    ("牛肉拉面", "zh", "牛肉拉面"),          # 拉 inside a noun
    ("hand-tied flies", "en", "hand-tied flies"),
    ("30 local pubs", "en", ""),
    ("three times a week", "en", ""),
    ("private", "en", ""),
]


@pytest.mark.parametrize("thing, lang, clean", CLEAN)
def test_a_slot_is_filled_only_with_a_clean_noun_phrase(thing, lang, clean):
    assert own_trade.clean_thing(thing, lang) == clean


# (description, a fragment the offering must not be)
NO_FRAGMENT = [
    ("自家种的脐橙,主要卖给广州深圳的老客户", "给广州"),
    ("修电脑换主板,也装系统", "换主板"),
    ("客户基本是物业公司和保洁队,我们做清洁工具出租", "物业"),
    ("We brew cider twice a month and supply about 15 village pubs", "15"),
]


@pytest.mark.parametrize("business, fragment", NO_FRAGMENT)
def test_the_offering_is_never_a_fragment_of_the_sentence(business, fragment):
    off = own_trade.offering(business)
    assert off is None or fragment not in off.thing, off
    assert fragment not in plan_goal(business).goal


@pytest.mark.parametrize("business", [
    "做不锈钢厨具的,客户主要是饭店和食堂",
    "给奶茶店、咖啡店送鲜奶,每天早上六点前到",
    "接宾馆、医院食堂的桌布清洗,每周收两次",
    "报关代理,外贸公司是大头",
    "We print menus and signage for restaurants and bars across town",
    "Payroll help for small clinics and dental practices",
])
def test_customers_who_are_businesses_make_a_b2b_plan(business):
    assert own_trade.is_b2b(business), own_trade.b2b_evidence(business)
    rec = recognise_business(business)
    assert rec.key in ("b2b", "generic"), rec.key  # never a consumer playbook
    if rec.key == "generic":
        assert rec.trade is not None or rec.named_trade is not None


@pytest.mark.parametrize("business", [
    "小区门口卖早点的,客户是附近上班的年轻人",   # people, not businesses
    "Yoga for office workers at lunchtime",
    "Corner florist: bouquets, and a weekly delivery for offices",  # a side line for offices keeps a florist a florist
    "给孩子做生日蛋糕的家庭烘焙",
])
def test_consumers_stay_consumers(business):
    assert not own_trade.is_b2b(business), own_trade.b2b_evidence(business)


@pytest.mark.parametrize("business, lang", [
    ("自家杨梅林,每年六月就卖半个月,快递发江浙沪", "zh"),
    ("端午前在小区门口包粽子卖,就卖十来天,老顾客每年都来", "zh"),
    ("山里的板栗,9月中开卖到10月底", "zh"),
    ("Mooncake boxes, I only take orders two weeks before the Mid-Autumn festival", "en"),
    ("Seasonal pumpkin patch on our farm, open in October", "en"),
])
def test_a_short_selling_season_gets_a_flash_group(business, lang):
    assert group_choice(business, lang)[0] == "快闪群"


@pytest.mark.parametrize("business, trade", [
    ("律师,主要代理离婚和抚养权纠纷", "离婚与家事"),
    ("Collaborative family law practice for couples who are separating", "离婚与家事"),
    ("肿瘤医院旁边做陪护的,家属白天要上班", "重病治疗陪伴"),
    ("Headwear and soft hats for people losing hair during chemotherapy", "重病治疗陪伴"),
])
def test_a_hard_moment_gets_the_gentle_support_trade(business, trade):
    t = trade_named(business)
    assert t is not None and t.name == trade
    plan = plan_goal(business)
    assert plan.group_type == "交付群"
    assert recognise_business(business).key == "generic"


def test_a_clinic_treating_the_condition_keeps_its_focus_plan():
    t = trade_named("肿瘤康复门诊,主要服务化疗后的病人")
    assert t is None or t.name != "重病治疗陪伴"


@pytest.mark.parametrize("business, lang", [
    ("婚礼喜帖和伴手礼定制,新人一般提前一个月来订", "zh"),
    ("产后上门催奶和满月照,一家只来一次", "zh"),
    ("Bridal hair and veil fitting from my home studio", "en"),
])
def test_a_business_opening_with_a_life_event_is_no_group_of_regulars(business, lang):
    """Each customer comes once (a wedding, a birth): the kind for rare visits, not a super-user group."""
    assert not recognise_business(business).confident
    assert group_choice(business, lang)[0] == "交付群"
