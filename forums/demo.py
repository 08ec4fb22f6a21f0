"""Demo forums: categories per discipline and for digital tools, 29 threads written out
post by post (Norwegian, some Danish; no post twice) among the demo members and their
colleagues, with quotes built as the quote button builds them, solved questions,
reactions and mentions.

Posts are created in bulk (one INSERT per table, Markdown rendered in Python), so the
whole seed takes well under a second. Categories are updated in place; topics are
created only the first time, so running seed_demo again keeps members' own posts.
"""

import random
from datetime import timedelta

from django.utils import timezone

from community.notifications.services import notify

from .markup import quote_markdown, render_markdown
from .models import Category, Post, Reaction, Subscription, Topic

ORDER = 50

# slug: (title, description, parent slug, read audience, post audience, pupils may post)
CATEGORIES = {
    "musikk": (
        "Musikk",
        "Instrumentalundervisning, samspill og korps.",
        None,
        "everyone",
        "members",
        False,
    ),
    "piano": (
        "Piano og tangenter",
        "Metodikk, repertoar og øving.",
        "musikk",
        "everyone",
        "members",
        False,
    ),
    "strykere": (
        "Strykere",
        "Fiolin, bratsj, cello og kontrabass.",
        "musikk",
        "everyone",
        "members",
        False,
    ),
    "dans": ("Dans", "Klassisk, moderne, hiphop og folkedans.", None, "everyone", "members", False),
    "teater": (
        "Teater",
        "Drama, improvisasjon og forestillinger.",
        None,
        "everyone",
        "members",
        False,
    ),
    "visuell-kunst": (
        "Visuell kunst",
        "Tegning, maling, keramikk og foto.",
        None,
        "everyone",
        "members",
        False,
    ),
    "digitale-verktoy": (
        "Digitale verktøy",
        "Apper, notasjon, opptak og nettundervisning, trygt og uten sporing.",
        None,
        "everyone",
        "members",
        False,
    ),
    "lederforum": (
        "Lederforum",
        "For lærere og ledere: drift, samarbeid med skolen, fordypning.",
        None,
        "teachers",
        "teachers",
        False,
    ),
    "elevhjornet": (
        "Elevhjørnet",
        "For elever: spør om øving, konserter og utstyr.",
        None,
        "members",
        "members",
        True,
    ),
}

# Each thread: (category, kind, title, posts, number of the solving post or None).
# A post is (author key, Markdown) or (author key, Markdown, number of the post it quotes):
# the quote is built from that post's first paragraph, as the forum's quote button does.
THREADS = [
    (
        "piano",
        "question",
        "Hvordan få 10-åringer til å øve skalaer?",
        [
            (
                "kari",
                "Tre av elevene mine på 10 år sukker høyt hver gang jeg sier «skala». "
                "De øver stykkene hjemme, men hopper rett over det tekniske. "
                "Har dere grep som faktisk virker for den alderen?",
            ),
            (
                "astrid",
                "Jeg gjør skalaen til en del av stykket de allerede liker. Spiller de "
                "*Für Elise*, blir a-moll-skalaen «Elise-skalaen», og da gir den mening.",
            ),
            (
                "sigrid",
                "Terning! Eleven kaster to terninger: den ene gir toneart, den andre tempo "
                "(1 = sneglefart, 6 = rakett). Det tar fem minutter og blir en lek.",
            ),
            (
                "ola",
                "Vi har gode erfaringer med korte opptak: eleven tar opp skalaen på mandag "
                "og igjen på fredag, og hører forskjellen selv.",
            ),
            (
                "kari",
                "Så enkelt, og så lurt. Jeg prøver det med to av dem neste uke.",
                3,
            ),
            (
                "kari",
                "Oppdatering: terningen var en suksess. Den ene eleven har laget sin egen "
                "«tempo-terning» med tegninger på sidene.",
            ),
        ],
        3,
    ),
    (
        "piano",
        "discussion",
        "Repertoar for voksne nybegynnere",
        [
            (
                "ola",
                "Jeg har fått tre voksne elever i høst, alle rundt 50. De vil spille "
                "viser og pop, ikke barnebøker. Hvilke bøker bruker dere?",
            ),
            (
                "per",
                "Jeg lager egne akkordark i stedet for bok. Voksne lærer raskt å lese "
                "becifring, og da kan de spille det de vil fra første uke.",
            ),
            (
                "anne",
                "Husk at voksne ofte er strengere med seg selv enn barna er. Jeg bruker "
                "mye tid på å feire små ting: første gang begge hender spiller sammen.",
            ),
            (
                "mette",
                "Hos os i Herning har vi et hold for voksne begyndere om tirsdagen. De "
                "spiller sammen i grupper på fire, og det giver et fællesskab, som holder "
                "dem i gang.",
            ),
        ],
        None,
    ),
    (
        "piano",
        "question",
        "Pedalbruk i Satie: hvor mye?",
        [
            (
                "astrid",
                "Gymnopédie nr. 1: hvor mye pedal lar dere elevene bruke? Min elev tråkker "
                "ned i starten og slipper ved siste takt.",
            ),
            (
                "haakon",
                "Skift pedal på hver ny basstone, altså hver takt. Lytt etter om "
                "melodien blir grumsete; da er det for sent.",
            ),
            (
                "kari",
                "Jeg lar eleven spille uten pedal først, så legger vi den på. Da hører de "
                "hva pedalen faktisk gjør.",
            ),
            (
                "astrid",
                "Det løste det. Hun hørte selv hvor grøtete det ble med én lang pedal.",
                2,
            ),
        ],
        2,
    ),
    (
        "strykere",
        "question",
        "Stemming av små fioliner før timen",
        [
            (
                "ragnhild",
                "Går det bort ti minutter av gruppetimen til stemming hos dere også? Vi har "
                "åtte elever på 1/4- og 1/2-fioliner.",
            ),
            (
                "marte",
                "Vi har finstemmere på alle fire strenger på de små instrumentene. Da klarer "
                "elevene det meste selv etter et par måneder.",
            ),
            (
                "ola",
                "Jeg stemmer alle instrumentene i pausen før gruppa kommer, og lærer dem én "
                "streng av gangen. Først A, så resten når de er trygge.",
            ),
            (
                "ragnhild",
                "Takk! Finstemmere var det vi manglet. Bestilt til hele gruppa.",
            ),
        ],
        2,
    ),
    (
        "strykere",
        "discussion",
        "Suzuki eller tradisjonell start for 6-åringer?",
        [
            (
                "marte",
                "Vi diskuterer hva vi skal tilby de yngste fra neste høst. Hva har dere best "
                "erfaring med: Suzuki, tradisjonell notestart eller noe imellom?",
            ),
            (
                "anne",
                "Vi kjører en blanding: gehør og sanger de første månedene, noter når "
                "eleven ber om det. Foreldrene er med i timen det første året.",
            ),
            (
                "line",
                "Vi bruger Suzuki til de mindste, men vi har lært, at forældrene skal "
                "forberedes godt. Et forældremøde før start gør en stor forskel.",
            ),
            (
                "marte",
                "Foreldremøte før start er et godt poeng. Det har vi aldri gjort.",
                3,
            ),
            (
                "ola",
                "Uansett metode: la barna spille sammen fra første uke. Det er samspillet "
                "som holder dem på.",
            ),
        ],
        None,
    ),
    (
        "strykere",
        "discussion",
        "Celloensemble på tvers av nivå",
        [
            (
                "anne",
                "Vi har startet et celloensemble der nybegynnere og viderekomne spiller "
                "sammen. Nybegynnerne har åpne strenger, de viderekomne melodien.",
            ),
            (
                "per",
                "Hvordan finner dere noter? Vi skriver om alt selv, og det tar mye tid.",
            ),
            (
                "anne",
                "Vi skriver om selv også, i MuseScore. Jeg deler gjerne arrangementene i "
                "ressursbanken når de er ferdige.",
                2,
            ),
            (
                "jon",
                "@AnneGreteHolm Det ville vært til stor hjelp for flere av oss. Si fra når de ligger ute!",
            ),
        ],
        None,
    ),
    (
        "musikk",
        "discussion",
        "Korps og kulturskole: felles fordypning",
        [
            (
                "lars",
                "I Lørenskog har vi testet et felles fordypningsprogram med skolekorpset: "
                "kulturskolen gir enetimer, korpset gir samspill og konserter.",
            ),
            (
                "eirik",
                "Hvem har arbeidsgiveransvaret for dirigenten hos dere? Det er der det "
                "stopper opp i Bærum.",
            ),
            (
                "lars",
                "Korpset ansetter, kulturskolen kjøper 20 % av stillingen til "
                "fordypningselevene. Avtalen er på to sider og fornyes hvert år.",
                2,
            ),
            (
                "kari",
                "Vi har et lignende samarbeid i Gjøvik, men med musikkteateret. Det "
                "viktigste har vært en felles kalender.",
            ),
            (
                "eirik",
                "To sider og årlig fornyelse høres overkommelig ut. Kan jeg få se avtalen?",
            ),
            ("lars", "Send meg en melding, så får du den."),
        ],
        None,
    ),
    (
        "musikk",
        "question",
        "Gehørtrening uten noter først?",
        [
            (
                "silje",
                "Starter dere med gehør før noter, og i så fall hvor lenge? Jeg får "
                "spørsmål fra foreldre som lurer på når barna skal lære å lese noter.",
            ),
            (
                "nils",
                "Vi venter til eleven kan spille fem–seks sanger på gehør. Da har noten "
                "noe å henge på. For de fleste tar det et halvt år.",
            ),
            (
                "astrid",
                "Jeg forklarer foreldrene at vi lærer å snakke før vi lærer å lese. Det "
                "forstår alle.",
            ),
            (
                "silje",
                "Den sammenligningen låner jeg til neste foreldremøte.",
                3,
            ),
        ],
        3,
    ),
    (
        "dans",
        "discussion",
        "Oppvarming når alderen spriker fra 8 til 16",
        [
            (
                "tone",
                "Gruppa mi går fra 8 til 16 år. Hvordan legger dere opp oppvarmingen så de "
                "eldste ikke kjeder seg og de yngste henger med?",
            ),
            (
                "sigrid",
                "Jeg lar de eldste lede deler av oppvarmingen. De får ansvar, og de yngste "
                "ser opp til dem.",
            ),
            (
                "marte",
                "Vi deler i stasjoner: styrke, balanse og rytme. Hver stasjon har en lett og "
                "en vanskelig variant.",
            ),
            (
                "tone",
                "Stasjoner med to nivåer er genialt. Prøvde i går, og ingen klaget.",
                3,
            ),
        ],
        None,
    ),
    (
        "dans",
        "question",
        "Musikkrettigheter på vårforestillingen",
        [
            (
                "sigrid",
                "Trenger vi egen avtale for innspilt musikk på vårforestillingen? Vi tar "
                "inngangspenger for første gang.",
            ),
            (
                "jon",
                "Ja: offentlig framføring av innspilt musikk krever lisens fra TONO, og med "
                "billettsalg må dere rapportere. Mange kommuner har en rammeavtale, så "
                "sjekk med kulturkontoret først.",
            ),
            (
                "sigrid",
                "Kommunen hadde rammeavtale. Takk for at du sparte meg for en lang søknad!",
            ),
        ],
        2,
    ),
    (
        "dans",
        "discussion",
        "Hiphop-grupper: gutter som slutter ved 13",
        [
            (
                "haakon",
                "Vi mister mange gutter rundt 13 år. De sier at det er «barnslig» å gå på "
                "kulturskolen. Hva gjør dere?",
            ),
            (
                "yusuf",
                "Vi flyttet hiphop-gruppa fra kulturskolen til ungdomshuset, samme lærer og "
                "samme tid. Frafallet halverte seg.",
            ),
            (
                "tone",
                "Vi lar de eldste guttene lage egen koreografi til en battle mot nabokommunen. "
                "Det ga dem noe å jobbe mot.",
            ),
            (
                "haakon",
                "Samme lærer, annet sted: så enkelt kan det være. Det tar jeg med til rektor.",
                2,
            ),
        ],
        None,
    ),
    (
        "teater",
        "discussion",
        "Improøvelser som får de sjenerte med",
        [
            (
                "ola",
                "Del favorittøvelsene for sjenerte elever! Jeg har noen som aldri sier noe "
                "i plenum.",
            ),
            (
                "silje",
                "«Ja, og …» i par først, aldri foran hele gruppa. Når alle har gjort det i "
                "par, er terskelen mye lavere.",
            ),
            (
                "eirik",
                "Jeg bruker masker. Med maske på tør mange mer, og vi snakker om hvorfor etterpå.",
            ),
            (
                "kari",
                "Lydlandskap: gruppa lager lyden av en jungel, en togstasjon eller et "
                "kjøkken. Ingen står alene, alle bidrar.",
            ),
            (
                "ola",
                "Masker prøver jeg neste gang. Jeg har en kasse på lageret som ingen bruker.",
                3,
            ),
        ],
        None,
    ),
    (
        "teater",
        "question",
        "Manus for 12 elever og 40 minutter",
        [
            (
                "eirik",
                "Noen tips til manus som passer en gruppe på tolv, cirka 40 minutter, alder 12–14?",
            ),
            (
                "silje",
                "Lag det sammen med elevene. Vi tok utgangspunkt i et lokalt sagn og "
                "improviserte scener som jeg skrev ned.",
            ),
            (
                "anne",
                "*Folk og røvere i Kardemomme by* i kortversjon fungerer godt, men sjekk "
                "rettighetene.",
            ),
            (
                "eirik",
                "Vi gikk for å lage eget manus. Elevene valgte et sagn om en sjøorm i fjorden.",
            ),
        ],
        2,
    ),
    (
        "teater",
        "discussion",
        "Samarbeid med grunnskolen om forestilling",
        [
            (
                "jon",
                "Skole pluss kulturskole: hvordan deler dere ansvaret når dere lager en "
                "forestilling sammen med grunnskolen?",
            ),
            (
                "lars",
                "Vi har én kontaktperson på hver side og et felles planleggingsmøte i "
                "august. Resten går av seg selv.",
            ),
            (
                "marte",
                "Kontaktlæreren har elevene, vi har faget. Vi skriver ned hvem som gjør hva "
                "før vi starter, ellers blir det misforståelser.",
            ),
        ],
        None,
    ),
    (
        "visuell-kunst",
        "discussion",
        "Keramikk uten egen brennovn",
        [
            (
                "nils",
                "Vi har ikke ovn. Samarbeider dere med andre om brenning?",
            ),
            (
                "ragnhild",
                "Vi låner ovnen på videregående skole to ganger i semesteret. Det krever "
                "litt planlegging, men fungerer.",
            ),
            (
                "per",
                "Raku i bål ute på skoleplassen! Elevene elsker det, og det trengs ingen ovn.",
            ),
            (
                "nils",
                "Videregående ligger rett ved oss. Jeg tar kontakt.",
                2,
            ),
        ],
        None,
    ),
    (
        "visuell-kunst",
        "question",
        "Tegning på nettbrett: apper uten konto?",
        [
            (
                "tone",
                "Vi vil prøve tegning på nettbrett. Hvilke apper fungerer uten at elevene "
                "må lage konto?",
            ),
            (
                "eva",
                "Se verktøyguidene under *Digitale verktøy*: der står det hvilke apper som "
                "er vurdert for personvern, og i hvilke kommuner de er godkjent.",
            ),
            (
                "silje",
                "Vi bruker Krita på skolens maskiner. Ingen konto, ingen sky, og filene "
                "lagres lokalt.",
            ),
        ],
        2,
    ),
    (
        "visuell-kunst",
        "discussion",
        "Elevutstilling på biblioteket",
        [
            (
                "per",
                "Vi stiller ut elevarbeider på biblioteket i mai. Hvordan henger dere opp "
                "uten å skade veggene?",
            ),
            ("sigrid", "Skinner i taket og nylonsnøre. Bibliotekene har det ofte allerede."),
            (
                "per",
                "De hadde skinner! Utstillingen åpnet i går, og ordføreren kom.",
            ),
        ],
        None,
    ),
    (
        "digitale-verktoy",
        "question",
        "Gratis notasjonsprogram uten sporing",
        [
            (
                "anne",
                "Hva bruker dere til notasjon? Det må være gratis, og elevene skal ikke "
                "måtte logge inn.",
            ),
            (
                "ola",
                "MuseScore, installert lokalt. Skru av innsamling av bruksdata under "
                "innstillinger første gang.",
            ),
            (
                "jens",
                "Vi bruger også MuseScore i Herning. Husk, at eleverne ikke skal uploade "
                "til musescore.com fra skolens maskiner.",
            ),
            (
                "anne",
                "Takk begge to. Vi installerer det på skolens maskiner nå.",
            ),
        ],
        2,
    ),
    (
        "digitale-verktoy",
        "discussion",
        "Samspill over nett med forsinkelse",
        [
            (
                "nils",
                "Vi har elever på øyer der det tar to timer å komme seg til kulturskolen. "
                "Samspill over nett er vanskelig med forsinkelse. Erfaringer?",
            ),
            (
                "kari",
                "Vi gir opp ekte samtidighet. Én spiller inn, den neste spiller over "
                "opptaket. Det blir et stafettsamspill.",
            ),
            (
                "haakon",
                "Kablet nett og hodetelefoner hjelper mye. Med trådløst er det håpløst.",
            ),
            (
                "nils",
                "Stafettsamspill er et fint ord for det. Elevene syntes det var spennende å "
                "høre hva den forrige hadde gjort.",
                2,
            ),
        ],
        None,
    ),
    (
        "digitale-verktoy",
        "question",
        "Opptak av elevkonsert: samtykke",
        [
            (
                "tone",
                "Hvordan innhenter dere samtykke før opptak av elevkonserter som skal vises "
                "på nett?",
            ),
            (
                "jon",
                "Skriftlig, per opptak, fra foresatte for elever under 15. Vi skriver hvor "
                "opptaket skal vises og hvor lenge. Et generelt samtykke ved innskriving "
                "holder ikke.",
            ),
            (
                "mette",
                "Det er det samme hos os. Vi har en fast blanket, som forældrene "
                "underskriver, og vi sletter optagelsen efter et år.",
            ),
        ],
        2,
    ),
    (
        "digitale-verktoy",
        "discussion",
        "Metronom-apper uten reklame",
        [
            (
                "astrid",
                "Del gode metronom-apper som ikke viser reklame for barn.",
            ),
            (
                "ingrid",
                "Jeg bruker en mekanisk metronom som bestefar ga meg. Den har ingen reklame.",
            ),
            (
                "per",
                "Telefonens innebygde klokke-app har ikke metronom, men mange stemmeapper "
                "har det. Velg en som fungerer uten nett.",
            ),
        ],
        None,
    ),
    (
        "digitale-verktoy",
        "discussion",
        "Digital innovation i Herning 2013: hva skete siden?",
        [
            (
                "mette",
                "Konferencen i Herning samlede 400 lærere i 2013. Hvad har ændret sig "
                "siden? Jeg synes, vi taler mere om datasikkerhed nu end om nye værktøjer.",
            ),
            (
                "line",
                "Enig. Dengang handlede det om iPads. I dag handler det om, hvem der ejer data.",
            ),
            (
                "astrid",
                "Det samme i Norge: hver app skal vurderes, og det tar tid. Derfor er "
                "verktøyguidene her så nyttige.",
            ),
            (
                "jens",
                "Til gengæld deler vi meget mere på tværs af kommunerne end i 2013.",
                2,
            ),
        ],
        None,
    ),
    (
        "lederforum",
        "discussion",
        "Timeplan med grunnskolen",
        [
            (
                "jon",
                "Hvordan får dere til kulturskoletimer i skoletiden uten at elevene mister fag?",
            ),
            (
                "lars",
                "Vi roterer: eleven går ut av ulike fag hver uke. Da mister ingen mer enn "
                "én time i hvert fag per semester.",
            ),
            (
                "ragnhild",
                "Vi bruker SFO-tiden for de yngste. Det er enklere å få til enn skoletiden.",
            ),
            (
                "jon",
                "Rotasjon må vi prøve. Har dere en mal for timeplanen?",
                2,
            ),
            ("lars", "@JonRaundalen Et regneark med fargekoder. Jeg legger det i ressursbanken."),
        ],
        None,
    ),
    (
        "lederforum",
        "question",
        "Ventelister: hvem prioriteres?",
        [
            (
                "eirik",
                "Har dere kriterier for ventelisten som dere kan dele? Vi har over 300 på "
                "venteliste.",
            ),
            (
                "lars",
                "Søsken av elever får ikke fortrinn hos oss lenger. Vi prioriterer dem som "
                "har ventet lengst, og holder av plasser til elever som skolen melder "
                "behov for.",
            ),
            (
                "silje",
                "Vi har gruppetilbud for dem som venter, så ingen står helt uten tilbud.",
            ),
            (
                "eirik",
                "Gruppetilbud mens de venter er et godt grep.",
                3,
            ),
        ],
        2,
    ),
    (
        "lederforum",
        "discussion",
        "Fordypningsprogram: erfaringssamlingene høsten 2022",
        [
            (
                "oda",
                "Hva tok dere med hjem fra erfaringssamlingene om fordypning i fylkene?",
            ),
            (
                "kari",
                "Fra Gjøvik: at fordypning ikke bare er for de flinkeste, men for dem som "
                "vil mest.",
            ),
            (
                "anne",
                "Fra Trondheim: samarbeid med videregående om felles talentprogram.",
            ),
            (
                "haakon",
                "Fra Stavanger: at vi må måle noe annet enn antall konserter.",
            ),
        ],
        None,
    ),
    (
        "lederforum",
        "discussion",
        "Rekruttering av lærere i distriktet",
        [
            (
                "nils",
                "Vi sliter med å rekruttere. Deler dere stillinger med nabokommuner?",
            ),
            (
                "ragnhild",
                "Vi deler en fiolinlærer med to nabokommuner. Hun har tre faste dager og "
                "kjøregodtgjørelse.",
            ),
            (
                "per",
                "Kombinerte stillinger med grunnskolen gjør det lettere å tilby 100 %.",
            ),
        ],
        None,
    ),
    (
        "elevhjornet",
        "question",
        "Hvor lenge bør jeg øve hver dag?",
        [
            (
                "ingrid",
                "Jeg spiller gitar og lurer på hvor mye jeg bør øve. Læreren sier «litt "
                "hver dag», men hvor mye er litt?",
            ),
            (
                "astrid",
                "Tjue minutter hver dag er bedre enn to timer på søndag. Og skriv det i "
                "øveloggen, så ser du hvor mye det blir i uka.",
            ),
            (
                "kari",
                "Del opp: fem minutter noe du kan, ti minutter noe nytt, fem minutter noe gøy.",
            ),
        ],
        2,
    ),
    (
        "elevhjornet",
        "discussion",
        "Nervøs før konsert",
        [
            (
                "ingrid",
                "Hva gjør dere for å ikke bli så nervøse før konsert? Hendene mine skjelver.",
            ),
            (
                "kari",
                "Spill stykket for familien, så for en venn, så for noen du ikke kjenner så "
                "godt. Da venner du deg til det.",
            ),
            (
                "astrid",
                "Pust rolig ut lenger enn du puster inn, tre ganger før du begynner. Og "
                "husk: publikum heier på deg.",
            ),
            (
                "ingrid",
                "Jeg prøvde pusten før konserten i går, og det gikk mye bedre!",
                3,
            ),
        ],
        None,
    ),
    (
        "elevhjornet",
        "question",
        "Kan jeg låne instrument i sommerferien?",
        [
            ("ingrid", "Får man låne instrumentet hjem i sommerferien?"),
            (
                "astrid",
                "Ja, hos oss i Bergen kan du det. Snakk med læreren din før siste time, så "
                "skriver dere under på en låneavtale.",
            ),
        ],
        2,
    ),
]

REACTION_KINDS = ["👍", "❤️", "🎵", "💡"]


def _categories() -> dict[str, Category]:
    categories: dict[str, Category] = {}
    for position, (slug, (title, description, parent, read, post, pupils)) in enumerate(
        CATEGORIES.items()
    ):
        category, _created = Category.objects.update_or_create(
            slug=slug,
            defaults={
                "title": title,
                "description": description,
                "parent": categories.get(parent) if parent else None,
                "read_audience": read,
                "post_audience": post,
                "allow_pupils": pupils,
                "position": position,
            },
        )
        categories[slug] = category
    return categories


def _people(context: dict) -> dict:
    return {**context["users"], **context.get("community", {})}


def _body(posts, entry) -> str:
    """A post's Markdown; a quote is the quoted post's first paragraph, as the forum's
    quote button builds it (so it always matches what that post says)."""
    if len(entry) == 2:
        return entry[1]
    author, text, quoted = entry
    quoted_author, quoted_text = posts[quoted - 1][:2]
    first_paragraph = quoted_text.split("\n\n")[0]
    return quote_markdown(quoted_author.display_name, first_paragraph) + text


def seed(context: dict) -> None:
    categories = _categories()
    if Topic.objects.filter(category__in=categories.values()).exists():
        return
    people = _people(context)
    users = context["users"]
    rng = random.Random(2024)  # the same demo every time
    now = timezone.now()
    posts: list[Post] = []
    topics: list[Topic] = []
    solutions: dict[int, int] = {}
    for index, (slug, kind, title, thread, solution) in enumerate(THREADS):
        category = categories[slug]
        thread = [(people[entry[0]], *entry[1:]) for entry in thread]
        author = thread[0][0]
        # Spread over the last seven weeks, newest last, replies hours to days apart.
        started = now - timedelta(days=50 - index * 1.6, hours=rng.randint(0, 12))
        topic = Topic.objects.create(
            category=category,
            title=title,
            kind=kind,
            author=author,
            last_post_at=started,
            last_post_author=author,
            is_pinned=index == 0,
        )
        topics.append(topic)
        when = started
        for number, entry in enumerate(thread, start=1):
            body = _body(thread, entry)
            when = min(when + timedelta(hours=rng.randint(2, 30)), now)
            posts.append(
                Post(
                    topic=topic,
                    number=number,
                    author=entry[0],
                    body=body,
                    body_html=render_markdown(body),
                    reaction_counts={},
                )
            )
            posts[-1].demo_created_at = when
        topic.last_number = topic.post_count = len(thread)
        topic.last_post_at = when
        topic.last_post_author = thread[-1][0]
        if solution:
            solutions[topic.pk] = solution
    times = {(post.topic_id, post.number): post.demo_created_at for post in posts}
    Post.objects.bulk_create(posts)
    # auto_now_add ignores the spread-out times; set them in one pass.
    by_topic: dict[int, list[Post]] = {}
    for post in Post.objects.filter(topic__in=topics).order_by("topic_id", "number"):
        by_topic.setdefault(post.topic_id, []).append(post)
    reactions = []
    reactors = [u for u in users.values() if u.is_active]
    for topic in topics:
        thread = by_topic[topic.pk]
        for post in thread:
            post.created_at = times[(topic.pk, post.number)]
            for member in rng.sample(reactors, rng.randint(0, 4)):
                kind = rng.choice(REACTION_KINDS)
                reactions.append(Reaction(post=post, user=member, kind=kind))
                post.reaction_counts[kind] = post.reaction_counts.get(kind, 0) + 1
        if topic.pk in solutions:
            topic.solution = thread[solutions[topic.pk] - 1]
    Post.objects.bulk_update(
        [p for thread in by_topic.values() for p in thread], ["created_at", "reaction_counts"]
    )
    Reaction.objects.bulk_create(reactions)
    Topic.objects.bulk_update(
        topics,
        ["last_number", "post_count", "last_post_at", "last_post_author", "solution"],
    )
    Subscription.objects.bulk_create(
        [Subscription(user=t.author, topic=t) for t in topics], ignore_conflicts=True
    )
    for category in categories.values():
        mine = [t for t in topics if t.category_id == category.pk]
        category.topic_count = len(mine)
        category.post_count = sum(t.post_count for t in mine)
        category.last_post_at = max((t.last_post_at for t in mine), default=None)
    Category.objects.bulk_update(
        list(categories.values()), ["topic_count", "post_count", "last_post_at"]
    )
    # A few notifications so the header's count and list have something to show.
    astrid = users["astrid"]
    for topic in topics[:3]:
        notify(
            recipient=astrid,
            kind="forums.reply",
            title=f"Nytt svar i «{topic.title}»",
            url=topic.get_absolute_url(),
            actor=users["kari"],
            mail=False,
        )
