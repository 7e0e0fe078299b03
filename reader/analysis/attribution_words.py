"""The word lists of quotation attribution: speech verbs, the words around a speaker's noun
phrase, person titles, role nouns, places and written things (data; the rules that read them are in
reader.analysis.quote_speakers)."""

from __future__ import annotations

PRONOUNS = frozenset("he she they i we you it him her them".split())
# Those that can be the subject who speaks ("he said").
SUBJECT_PRONOUNS = frozenset("he she they we i".split())


# Every inflected form, as written (not stems): a quote's attribution verb is matched exactly.
_SPEECH_VERB_FORMS = """say said says saying tell told tells telling add added adds adding write wrote writes
writing written ask asked asks asking state stated states stating declare declared declares
declaring explain explained explains explaining note noted notes noting insist insisted insists
insisting argue argued argues arguing continue continued continues continuing claim claimed claims
claiming warn warned warns warning reply replied replies replying respond responded responds
responding tweet tweeted tweets tweeting post posted posts announce announced announces announcing
acknowledge acknowledged acknowledges acknowledging admit admitted admits admitting recall recalled
recalls recalling suggest suggested suggests suggesting observe observed observes observing remark
remarked remarks concede conceded concedes conceding emphasize emphasized emphasizes emphasised
stress stressed stresses complain complained complains complaining predict predicted predicts
promise promised promises promising vow vowed vows vowing joke joked jokes joking quip quipped quips
counter countered counters contend contended contends maintain maintained maintains conclude
concluded concludes testify testified testifies exclaim exclaimed shout shouted shouts yell yelled
caution cautioned cautions call called calls calling describe described describes describing label
labeled labelled labels dub dubbed term termed urge urged urges urging demand demanded demands
charge charged charges boast boasted boasts lament lamented laments wonder wondered wonders muse
mused reiterate reiterated reiterates confirm confirmed confirms deny denied denies agree agreed
agrees pledge pledged pledges pledging thunder thundered scoff scoffed brag bragged snap snapped retort
retorted assert asserted asserts allege alleged alleges recount recounted reported report reports
reporting opine opined chant chanted sing sang sings read reads whisper whispered mutter muttered
interject interjected tease teased grumble grumbled insisting proclaim proclaimed proclaims
describe characterized characterised characterize characterizes criticize criticized blasted blast
slammed slam mocked mock praised praise hailed hail quoted quote quotes recalling refer referred
refers referring thank thanked thanks thanking barked bark roared cried pleaded begged
screamed sighed laughed bemoan bemoaned bemoans decry decried decries denounce denounced
denounces condemn condemned condemns grouse groused grouses laud lauded lauds applaud applauded
applauds criticise criticised criticises criticizes deride derided derides ridicule ridiculed
ridicules blame blamed blames posit posited posits summarize summarized summarizes
summarise summarised summarises answered answers confess confessed confesses confessing
echoed echoes mocks mocking""".split()


SPEECH_VERBS = frozenset(_SPEECH_VERB_FORMS)


# Verbs that take the quote as the name of something, only with a speaker before them.
_NAMING_VERBS = frozenset(
    "call called calls calling describe described describes describing label labeled labelled "
    "labels dub dubbed term termed characterized characterised characterize characterizes".split()
)


# Verbs that come before their speaker in news style ("said the official").
_INVERTING = frozenset(
    """said says added adds asked asks wrote writes explained continued continues noted recalled
    replied responded insisted argued declared observed remarked tweeted posted warned countered
    concluded cautioned admitted acknowledged reads read summarized summarised stated""".split()
)


_ADVERBS = frozenset(
    """also nonetheless nevertheless later then once again reportedly recently repeatedly publicly
    privately simply flatly often never already just initially first last further even famously
    memorably quickly sharply angrily bluntly openly subsequently ultimately finally has had have
    would will could can may might did does do has had is was were are been be being not previously
    still frequently earlier recently himself herself themselves in fact however""".split()
)


_NP_DETERMINERS = frozenset("the a an his her its their our my one another this that some two".split())


_NP_BREAK = frozenset(
    """that which when while because as after before if but so since though although where whether
    is was were are be been being than to for from with without into about against over under
    there here this these those what how why who whom whose it said says told at by in on with
    during via like upon onto had has have would will could should can did do does may might must
    and or nor yet then""".split()
)


_AFTER_VERB_STOP = frozenset(
    """on in at during to about after before when while that in of for from with as by via
    this last next early late earlier later told who whose whom which whether if why how what
    where""".split()
)


_TIME_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday today yesterday tonight
    tomorrow recently earlier later""".split()
)
# A time phrase between a subject and its verb ("Perry on Tuesday said", "Obama last week
# told"): skipped, so the speaker is the subject and not the day.
_TIME_NOUNS = _TIME_WORDS | frozenset("morning afternoon evening night week weekend month year".split())
_TIME_LEADS = frozenset("on last this late early earlier later".split())
_DAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday today yesterday tonight tomorrow".split())


_PERSON_TITLES = frozenset(
    """president vice sen senator rep representative gov governor mr mrs ms miss dr secretary
    minister chancellor judge justice gen general mayor speaker leader spokesman spokeswoman
    spokesperson pope king queen prince princess sheriff chairman chairwoman ceo director ambassador
    attorney candidate former lt col colonel sgt capt captain adm admiral maj major rev reverend
    prof professor professors commissioner premier envoy aide adviser advisor nominee hopeful rival
    sens senators reps justices congressman congresswoman lawmaker host anchor correspondent
    pastor fr rabbi bishop imam cmdr assemblyman assemblywoman councilman councilwoman""".split()
)


_NON_PERSON = frozenset(
    """white house state states united department ministry office kremlin congress senate
    university news times post journal party republican republicans democratic democrats
    democrat foreign affairs defense committee council court supreme federal national
    international america american americans russia russian ukraine ukrainian china chinese
    european union nations city county street avenue north south east west new york washington
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december twitter facebook x fox cnn msnbc nbc
    abc cbs bbc reuters associated press the a an in on at for and but of his her their its
    this that these those when while after before during as if it we i you he she they
    budapest moscow hungary oval trade tower center centre institute foundation campaign
    administration government agency bureau commission world war day about
    st mt ft internet web
    """.split()  # "St." of "St. Louis": a name run cut at its period ("Fellow St") is a place
)
# The last word of an organisation's name: the whole run names no person ("the Conservative
# Political Action Conference" is not a Mr. Conservative Political Action).
ORGANISATION_HEADS = frozenset(
    """conference convention association organization organisation corporation company coalition
    alliance caucus network society league club committee council party union commission agency
    bureau institute foundation administration department ministry office court university
    watch embassy parliament federation fund bank group movement
    """.split()
)
# Churches named by their denomination ("the Roman Catholic Church", "the Southern Baptist
# Church"): an organisation, not a Mr. Church (Frank Church, Charlotte Church are people).
CHURCH_DENOMINATIONS = frozenset(
    """catholic orthodox episcopal methodist baptist lutheran presbyterian anglican evangelical
    christian mormon pentecostal unitarian reformed apostolic coptic adventist""".split()
)


_FEMALE = frozenset(
    """hillary carly nancy elizabeth sarah sara kellyanne megyn michelle melania ivanka kamala
    mary patricia jennifer linda barbara susan jessica karen lisa betty margaret sandra ashley
    kimberly emily donna michelle carol amanda melissa deborah stephanie rebecca laura sharon
    cynthia kathleen amy shirley angela helen anna brenda pamela nicole samantha katherine
    christine debra rachel carolyn janet catherine maria heather diane julie joyce victoria
    kelly christina joan evelyn lauren judith olivia martha cheryl megan andrea hannah jacqueline
    ann jean alice kathryn gloria teresa doris sara janice julia marie madison grace judy theresa
    beverly denise marilyn amber danielle rose brittany diana abigail natalie jane lori alexis
    tiffany kayla hope condoleezza condi angela theresa marine nikki liz elise debbie
    dianne tulsi jill claire kirsten tammy maxine marsha joni susana sheila hope huma donna
    jen jen psaki kristi kari marjorie lauren ilhan alexandria rashida ayanna ursula giorgia
    annalena kaja maia yulia oksana iryna olena natalia svetlana maria tatiana anna ekaterina
    valentina michele malia sasha chelsea callista tipper ruth meredith madeleine katie kate
    jeanne jeanine nina tina gina ellen eleanor loretta valerie sonia elena claudia kelli
    kellie joanne pam wendy brigid harriet irene lynn carla cindy sally sue sylvia vanessa
    veronica yvonne zoe aisha fatima jenna jenny josephine katrina kristen kristin krista leah
    lena liza lois lucy marcia maureen melanie miriam molly monica nadia naomi nora paula peggy
    priscilla rita roberta rosa rosemary sabrina serena shannon sonya stacy stella tara tracy
    trisha vera vicki virginia wanda zephyr""".split()
)


# First names given to men and women alike ("Dana Perino", "Dana Rohrabacher"): no gender.
_EITHER_GENDER = frozenset("dana".split())


_FEMALE_TITLES = frozenset("mrs ms miss madam congresswoman chairwoman spokeswoman queen princess".split())


_MALE_TITLES = frozenset("mr congressman chairman spokesman king prince".split())


_CAPITAL_BREAK = frozenset(
    "that which when while because as after before if but so it there here this these those what "
    "how why who and or then yet".split()
)


# Bare forms are nouns as often as verbs ("his home state", "a phone call"): they count only
# after a subject pronoun, "to" or an auxiliary ("they say", "to call it", "did not deny").
_BARE = frozenset(
    """say tell add write ask state declare explain note insist argue continue claim warn reply
    respond tweet post announce acknowledge admit recall suggest observe remark concede emphasize
    stress complain predict promise vow joke quip counter contend maintain conclude testify exclaim
    shout yell caution call describe label dub term urge demand charge boast lament wonder muse
    reiterate confirm deny agree pledge thunder scoff brag snap retort assert allege recount report
    opine chant sing whisper mutter interject tease grumble proclaim characterize criticize blast
    slam mock praise hail quote refer thank bemoan decry denounce condemn grouse laud applaud
    criticise deride ridicule blame posit summarize summarise confess""".split()
)


_BEFORE_BARE = frozenset(
    "i we you they to will would could can may might must did do does not n't never also should shall".split()
)


# Every bare form's participle is a speech verb too ("predicting", "labeling").
SPEECH_VERBS = SPEECH_VERBS | frozenset(
    (b[:-1] if b.endswith("e") and not b.endswith("ee") else b) + "ing" for b in _BARE
)


_BEFORE_ING = frozenset(
    """by while when after before without in on is was were are been be am kept keeps keep
    began begins begin started starts start continued continues also repeatedly again even then
    and or but just still now heard overheard seen shown""".split()
)


_LEADING_NON_NAME = (
    _NP_BREAK | _CAPITAL_BREAK | frozenset("not also even only just meanwhile however instead still yes no".split())
)


_AGENT_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "man", "woman", "person", "ee")


# Heads of noun phrases that name a place or a written thing: they cannot speak ("Mount Kisco",
# "the hospital", "a sign"); a word quoted from a sign or a chalkboard is not a quotation.
PLACE_HEADS = frozenset(
    """mount mountain lake river county city town village street avenue road square park island
    valley hospital center centre building hall station airport base border district province
    region capital""".split()
)


WRITTEN_THINGS = frozenset(
    """sign signs chalkboard chalkboards whiteboard blackboard banner banners placard placards
    poster posters billboard billboards t-shirt shirt shirts hat hats cap caps sticker stickers
    slide slides graphic graphics door wall""".split()
)


# A noun phrase right after one of these is a place (or a thing), not a speaker.
_PLACE_PREPOSITIONS = frozenset("in at near outside inside across throughout".split())
# Those that put a person's name as rarely as a place's after them: "in San Jose" is a place,
# not a person a later "he" could stand for ("at" does: "a jab at Clinton").
PLACE_ONLY_PREPOSITIONS = _PLACE_PREPOSITIONS - {"at"}


_CONTRACTIONS = frozenset("he's she's it's that's there's who's what's here's where's let's".split())


_ROLE_NOUNS = frozenset(
    """official officials spokesman spokeswoman spokesperson senator congressman congresswoman
    governor president candidate businessman businesswoman billionaire mogul leader minister
    secretary ambassador diplomat general commander chief director chairman chairwoman founder
    executive ceo analyst expert professor economist pollster strategist adviser advisor aide
    member lawmaker legislator representative mayor judge lawyer attorney prosecutor officer
    sheriff activist organizer host anchor reporter correspondent editor columnist commentator
    author writer campaign committee group organization agency ministry department office
    company firm union council court statement report nominee frontrunner front-runner hopeful
    contender rival challenger incumbent speaker star actor singer player coach pastor priest
    bishop woman man mother father wife husband daughter son resident voter supporter critic newspaper
    paper network magazine website site outlet poll survey study letter email memo source police
    authorities government administration crowd audience people family friend friends children
    kremlin team party military army ministry embassy child kid ad commercial video tweet post
    release complaint lawsuit suit filing ruling order decision board commission panel jury
    platform bill resolution guidance policy proposal message sign banner slogan headline caption
    article story book column editorial blog transcript speech remarks document documents publication
    indictment verdict opinion review audit investigation inquiry analysis""".split()
)


_CONJUNCTIONS = frozenset("but and yet so or still however meanwhile instead then also".split())


_LEADING_PREPOSITIONS = frozenset(
    "in at on during after before with from following despite amid while when asked".split()
)


# A role as a generic speaker ("the congressman", "the Texas governor") -> the titles written
# before a name that give a person that role ("Rep. Bob Etheridge", "Gov. Rick Perry").
_MEMBER_OF_CONGRESS = frozenset("rep representative congressman congresswoman".split())
ROLE_TITLES: dict[str, frozenset[str]] = {
    "congressman": _MEMBER_OF_CONGRESS - {"congresswoman"},
    "congresswoman": _MEMBER_OF_CONGRESS - {"congressman"},
    "representative": _MEMBER_OF_CONGRESS,
    "lawmaker": _MEMBER_OF_CONGRESS | {"sen", "senator"},
    "legislator": _MEMBER_OF_CONGRESS | {"sen", "senator"},
    "senator": frozenset({"sen", "senator"}),
    "governor": frozenset({"gov", "governor"}),
    "president": frozenset({"president"}),
    "vice president": frozenset({"vice"}),
    "mayor": frozenset({"mayor"}),
    "judge": frozenset({"judge"}),
    "justice": frozenset({"justice"}),
    "sheriff": frozenset({"sheriff"}),
    "pope": frozenset({"pope"}),
    "ambassador": frozenset({"ambassador"}),
    "secretary": frozenset({"secretary"}),
    "prime minister": frozenset({"minister"}),
}


# What "it" can stand for when it speaks ("“...,” it said"): a document or an organisation.
SPEAKING_THINGS = ORGANISATION_HEADS | frozenset(
    """statement report letter release memo transcript ad advertisement commercial video code law
    bill resolution document email e-mail message complaint lawsuit filing ruling decision study
    poll survey review audit analysis editorial article newspaper magazine website blog note cable
    campaign group organization organisation firm board panel government network agency""".split()
)
# Capitals that name no organisation ("U.S.", "TV", "CEO").
NOT_ORGANISATIONS = frozenset("us usa uk tv am pm ok ii iii iv ceo mp cfo dna".split())
