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
    ("老家在内蒙古放羊", "zh", ""),          # a sentence: a place, then a verb
    ("织好", "zh", ""),                      # a verb and its result
    ("家里开", "zh", ""),
    ("赣南脐橙", "zh", "赣南脐橙"),          # a place before a noun names a local product
    ("古籍修补", "zh", "古籍修补"),          # a verb after a noun names the work on it
    ("hand-tied flies", "en", "hand-tied flies"),
    ("pickles too", "en", ""),               # an adverb is no part of a thing
    ("come to you", "en", ""),               # a pronoun: a sentence
    ("IT", "en", "IT"),                      # capitals: no pronoun
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
    ("卖织好的围巾和手套,也接定制", "织好"),
    ("玩紫砂壶的,客户是上海的老藏家为主", "老藏家"),   # who comes most is no focus
    ("Soap maker, I sell the candles too", "too"),
    ("Mobile bike mechanic, I come to you for tune-ups", "come to"),
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


# Where the business sets up, whom it delivers to and who sends it work say nothing of what it offers.
@pytest.mark.parametrize("business, not_key", [
    ("Pumpkin patch in our church car park every October", "auto"),
    ("We split and sell firewood, deliver to restaurants and farms nearby", "farm"),
    ("Saw and chisel sharpening, a couple of barbers send me their clippers too", "barber"),
    ("Cold brew coffee concentrate, sold at the Sunday farmers market", "farm"),
    ("老面馒头作坊 每天清早出笼 送附近饭店和工地食堂", "restaurant"),
    ("洗衣机热水器清洗，上门服务，客户是小区住户", "laundry"),
    ("摩托车修理 换机油 补胎，送外卖的骑手常来", "auto"),
])
def test_a_keyword_only_where_it_sets_up_or_delivers_is_no_playbook(business, not_key):
    assert recognise_business(business).key != not_key


# Where the words name the business itself ("in our florist's group"), they are no place it sets up.
@pytest.mark.parametrize("business, key", [
    ("in our bike shop's customer group", "bike"),
    ("What do we post in our yoga studio's members group?", "yoga"),
    ("In my bakery we bake sourdough every morning", "bakery"),
])
def test_a_business_named_after_in_our_is_still_the_business(business, key):
    assert recognise_business(business).key == key


# No kind word, but the opening names the business: the plan is about that ("小印刷厂" prints, it is no process).
@pytest.mark.parametrize("business, thing", [
    ("做消毒毛巾配送的,给周边足疗店供货", "消毒毛巾"),
    ("祖传豆腐作坊 每天凌晨出货 送附近饭馆和菜场", "豆腐"),
])
def test_a_b2b_plan_names_what_the_opening_names(business, thing):
    assert thing in plan_goal(business).goal


@pytest.mark.parametrize("business, thing, kind", [
    ("Fresh pasta pre-orders for the weekend, pick up from my kitchen", "fresh pasta", "goods"),
    ("Small batch ginger beer brewer, stalls at two markets", "ginger beer", "goods"),
    ("Henna tattoo artist for festivals and parties", "henna tattoo", "service"),
])
def test_english_maker_and_artist_words_say_the_offering(business, thing, kind):
    off = own_trade.offering(business)
    assert off is not None and (off.thing, off.kind) == (thing, kind), off


# Every day of an uncovered business's week brings an example of its own trade, not some days and not others.
@pytest.mark.parametrize("business, thing", [
    ("皮影戏教学，成人为主，周末小班", "皮影戏"),
    ("钟表修理 换表带 洗油，老师傅手艺", "钟表"),
    ("Clock repair from my garage workshop, mostly antique wall clocks", "clock"),
])
def test_every_day_of_the_week_has_an_example_of_the_trade(business, thing):
    plan = plan_goal(business)
    assert len(plan.keys.activities) == 7
    assert all(thing in a for a in plan.keys.activities), plan.keys.activities
