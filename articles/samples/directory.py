"""The sample newsroom's directory: topics, regions, people, organisations and events.

Each is keyed by its English name, which is how the loader finds it again. A value given
per language ({"en": ..., "ru": ..., "ar": ...}) is a translated field
(articles/translation.py): the loader sets each language's column (`name_ru`...); one
missing is read in the default language.
"""

import datetime

from articles.models import Event, Organisation

# Topics.
FOREIGN_POLICY = "Foreign policy"
INTERFAITH = "Interfaith dialogue"
COOPERATION = "International cooperation"
ECONOMY = "Economy"
ISLAMIC_FINANCE = "Islamic finance"
HALAL = "Halal industry"
EDUCATION = "Education"
TOPICS = {
    FOREIGN_POLICY: {
        "name": {"en": FOREIGN_POLICY, "ru": "Внешняя политика", "ar": "السياسة الخارجية"},
        "description": {
            "en": "Russia's relations with other states and international organisations.",
            "ru": "Отношения России с другими государствами и международными организациями.",
        },
    },
    INTERFAITH: {
        "name": {"en": INTERFAITH, "ru": "Межрелигиозный диалог", "ar": "الحوار بين الأديان"},
        "description": {
            "en": "How believers of different faiths live and work together.",
            "ru": "Как живут и работают вместе верующие разных религий.",
        },
    },
    COOPERATION: {
        "name": {
            "en": COOPERATION,
            "ru": "Международное сотрудничество",
            "ar": "التعاون الدولي",
        },
        "description": {
            "en": "Joint projects of Russia and the countries of the Islamic world.",
            "ru": "Совместные проекты России и стран исламского мира.",
        },
    },
    ECONOMY: {
        "name": {"en": ECONOMY, "ru": "Экономика", "ar": "الاقتصاد"},
        "description": {
            "en": "Trade, investment and business ties.",
            "ru": "Торговля, инвестиции и деловые связи.",
        },
    },
    ISLAMIC_FINANCE: {
        "name": {"en": ISLAMIC_FINANCE, "ru": "Исламские финансы", "ar": "التمويل الإسلامي"},
        "description": {
            "en": "Banking and investment without interest, known in Russia as partnership "
            "finance.",
            "ru": "Банковское дело и инвестиции без процента, в России — партнёрское "
            "финансирование.",
        },
    },
    HALAL: {
        "name": {"en": HALAL, "ru": "Халяльная индустрия", "ar": "صناعة الحلال"},
        "description": {
            "en": "Food, goods and services made to the standards of Islamic law.",
            "ru": "Продукты, товары и услуги, отвечающие нормам исламского права.",
        },
    },
    EDUCATION: {
        "name": {"en": EDUCATION, "ru": "Образование", "ar": "التعليم"},
        "description": {
            "en": "Universities, schools and student exchanges.",
            "ru": "Университеты, школы и студенческие обмены.",
        },
    },
}

# Regions, parents before children.
RUSSIA = "Russia"
TATARSTAN = "Tatarstan"
KAZAN = "Kazan"
BOLGAR = "Bolgar"
BASHKORTOSTAN = "Bashkortostan"
CHECHNYA = "Chechnya"
DAGESTAN = "Dagestan"
MALAYSIA = "Malaysia"
SAUDI_ARABIA = "Saudi Arabia"
EGYPT = "Egypt"
YEMEN = "Yemen"
REGIONS = {
    RUSSIA: {"parent": None, "name": {"en": RUSSIA, "ru": "Россия", "ar": "روسيا"}},
    TATARSTAN: {
        "parent": RUSSIA,
        "name": {"en": TATARSTAN, "ru": "Татарстан", "ar": "تتارستان"},
    },
    KAZAN: {"parent": TATARSTAN, "name": {"en": KAZAN, "ru": "Казань", "ar": "قازان"}},
    BOLGAR: {"parent": TATARSTAN, "name": {"en": BOLGAR, "ru": "Болгар", "ar": "بلغار"}},
    BASHKORTOSTAN: {
        "parent": RUSSIA,
        "name": {"en": BASHKORTOSTAN, "ru": "Башкортостан", "ar": "باشكورتوستان"},
    },
    CHECHNYA: {"parent": RUSSIA, "name": {"en": CHECHNYA, "ru": "Чечня", "ar": "الشيشان"}},
    DAGESTAN: {"parent": RUSSIA, "name": {"en": DAGESTAN, "ru": "Дагестан", "ar": "داغستان"}},
    MALAYSIA: {"parent": None, "name": {"en": MALAYSIA, "ru": "Малайзия", "ar": "ماليزيا"}},
    SAUDI_ARABIA: {
        "parent": None,
        "name": {
            "en": SAUDI_ARABIA,
            "ru": "Саудовская Аравия",
            "ar": "المملكة العربية السعودية",
        },
    },
    EGYPT: {"parent": None, "name": {"en": EGYPT, "ru": "Египет", "ar": "مصر"}},
    YEMEN: {"parent": None, "name": {"en": YEMEN, "ru": "Йемен", "ar": "اليمن"}},
}

# People.
LAVROV = "Sergey Lavrov"
PUTIN = "Vladimir Putin"
MINNIKHANOV = "Rustam Minnikhanov"
TAHA = "Hissein Brahim Taha"
SAMIGULLIN = "Kamil Samigullin"
NABIULLINA = "Elvira Nabiullina"
PEOPLE = {
    LAVROV: {
        "name": {"en": LAVROV, "ru": "Сергей Лавров", "ar": "سيرغي لافروف"},
        "role_title": {
            "en": "Foreign Minister of Russia",
            "ru": "Министр иностранных дел России",
        },
        "aliases": ["Sergei Lavrov", "Сергей Лавров"],
        "bio": {
            "en": "<p>Russia's foreign minister since 2004, earlier its permanent "
            "representative to the United Nations.</p>",
            "ru": "<p>Министр иностранных дел России с 2004 года, до того — постоянный "
            "представитель России при ООН.</p>",
        },
        "topics": [FOREIGN_POLICY],
        "regions": [RUSSIA],
    },
    PUTIN: {
        "name": {"en": PUTIN, "ru": "Владимир Путин", "ar": "فلاديمير بوتين"},
        "role_title": {"en": "President of Russia", "ru": "Президент России"},
        "aliases": ["Владимир Путин"],
        "bio": {
            "en": "<p>President of the Russian Federation. In 2003 he addressed the summit "
            "of the Organisation of the Islamic Conference in Putrajaya, Malaysia.</p>",
            "ru": "<p>Президент Российской Федерации. В 2003 году выступил на саммите "
            "Организации Исламская конференция в Путраджае (Малайзия).</p>",
        },
        "topics": [FOREIGN_POLICY],
        "regions": [RUSSIA],
    },
    MINNIKHANOV: {
        "name": {"en": MINNIKHANOV, "ru": "Рустам Минниханов", "ar": "رستم مينيخانوف"},
        "role_title": {
            "en": "Rais of the Republic of Tatarstan",
            "ru": "Раис Республики Татарстан",
        },
        "aliases": ["Рустам Минниханов"],
        "bio": {
            "en": "<p>Head of the Republic of Tatarstan since 2010 and chairman of the Group "
            "of Strategic Vision “Russia – Islamic World”.</p>",
            "ru": "<p>Глава Республики Татарстан с 2010 года, председатель Группы "
            "стратегического видения «Россия — исламский мир».</p>",
        },
        "topics": [COOPERATION, INTERFAITH],
        "regions": [TATARSTAN],
    },
    TAHA: {
        "name": {"en": TAHA, "ru": "Хиссейн Брахим Таха", "ar": "حسين إبراهيم طه"},
        "role_title": {
            "en": "Secretary-General of the OIC",
            "ru": "Генеральный секретарь ОИС",
        },
        "aliases": ["Hissein Brahim Taha", "Хисейн Брахим Таха"],
        "bio": {
            "en": "<p>A Chadian diplomat, Secretary-General of the Organisation of Islamic "
            "Cooperation since November 2021.</p>",
            "ru": "<p>Чадский дипломат, генеральный секретарь Организации исламского "
            "сотрудничества с ноября 2021 года.</p>",
        },
        "topics": [COOPERATION],
        "regions": [SAUDI_ARABIA],
    },
    SAMIGULLIN: {
        "name": {"en": SAMIGULLIN, "ru": "Камиль Самигуллин", "ar": "كامل سميغولين"},
        "role_title": {"en": "Mufti of Tatarstan", "ru": "Муфтий Татарстана"},
        "aliases": ["Камиль хазрат Самигуллин"],
        "bio": {
            "en": "<p>Mufti of the Republic of Tatarstan since 2013, at the head of its "
            "Spiritual Administration of Muslims.</p>",
            "ru": "<p>Муфтий Республики Татарстан с 2013 года, председатель Духовного "
            "управления мусульман республики.</p>",
        },
        "topics": [INTERFAITH, EDUCATION],
        "regions": [TATARSTAN],
    },
    NABIULLINA: {
        "name": {"en": NABIULLINA, "ru": "Эльвира Набиуллина", "ar": "إلفيرا نابيولينا"},
        "role_title": {
            "en": "Governor of the Bank of Russia",
            "ru": "Председатель Банка России",
        },
        "aliases": ["Эльвира Набиуллина"],
        "bio": {
            "en": "<p>Governor of the Bank of Russia since 2013.</p>",
            "ru": "<p>Председатель Банка России с 2013 года.</p>",
        },
        "topics": [ECONOMY, ISLAMIC_FINANCE],
        "regions": [RUSSIA],
    },
}

# Organisations.
MFA = "Ministry of Foreign Affairs of the Russian Federation"
OIC = "Organisation of Islamic Cooperation"
GSV = 'Group of Strategic Vision "Russia - Islamic World"'
UN = "United Nations"
BANK_OF_RUSSIA = "Bank of Russia"
DUM_RT = "Spiritual Administration of Muslims of the Republic of Tatarstan"
BOLGAR_ACADEMY = "Bolgar Islamic Academy"
KFU = "Kazan Federal University"
ORGANISATIONS = {
    MFA: {
        "name": {
            "en": MFA,
            "ru": "Министерство иностранных дел Российской Федерации",
            "ar": "وزارة الخارجية الروسية",
        },
        "acronym": "MFA",
        "kind": Organisation.Kind.MINISTRY,
        "aliases": ["Russian Foreign Ministry", "МИД России"],
        "website": "https://mid.ru/en/",
        "description": {
            "en": "<p>The ministry that conducts Russia's foreign policy.</p>",
            "ru": "<p>Министерство, проводящее внешнюю политику России.</p>",
        },
        "topics": [FOREIGN_POLICY],
        "regions": [RUSSIA],
    },
    OIC: {
        "name": {
            "en": OIC,
            "ru": "Организация исламского сотрудничества",
            "ar": "منظمة التعاون الإسلامي",
        },
        "acronym": "OIC",
        "kind": Organisation.Kind.INTERNATIONAL,
        "aliases": [
            "Organization of Islamic Cooperation",
            "Organisation of the Islamic Conference",
            "ОИС",
        ],
        "website": "https://www.oic-oci.org/",
        "description": {
            "en": "<p>An organisation of 57 states, founded in 1969 and based in Jeddah. "
            "Russia has been an observer since 2005.</p>",
            "ru": "<p>Организация 57 государств, основанная в 1969 году, со штаб-квартирой "
            "в Джидде. Россия — наблюдатель с 2005 года.</p>",
        },
        "topics": [COOPERATION, INTERFAITH],
        "regions": [],
    },
    GSV: {
        "name": {
            "en": GSV,
            "ru": "Группа стратегического видения «Россия — исламский мир»",
            "ar": "مجموعة الرؤية الاستراتيجية «روسيا – العالم الإسلامي»",
        },
        "acronym": "GSV",
        "kind": Organisation.Kind.FORUM,
        "aliases": ['Group of Strategic Visions "Russia - Islamic World"', "ГСВ"],
        "website": "",
        "description": {
            "en": "<p>A dialogue group of public figures, diplomats and scholars from Russia "
            "and Muslim countries, founded in 2006.</p>",
            "ru": "<p>Группа общественных деятелей, дипломатов и учёных России и "
            "мусульманских стран, созданная в 2006 году.</p>",
        },
        "topics": [INTERFAITH, COOPERATION],
        "regions": [RUSSIA, TATARSTAN],
    },
    UN: {
        "name": {"en": UN, "ru": "Организация Объединённых Наций", "ar": "الأمم المتحدة"},
        "acronym": "UN",
        "kind": Organisation.Kind.INTERNATIONAL,
        "aliases": ["ООН"],
        "website": "https://www.un.org/",
        "description": {
            "en": "<p>The organisation of the world's states, founded in 1945.</p>",
            "ru": "<p>Всемирная организация государств, основанная в 1945 году.</p>",
        },
        "topics": [COOPERATION],
        "regions": [],
    },
    BANK_OF_RUSSIA: {
        "name": {"en": BANK_OF_RUSSIA, "ru": "Банк России", "ar": "بنك روسيا"},
        "acronym": "",
        "kind": Organisation.Kind.MINISTRY,
        "aliases": ["Central Bank of Russia", "Центральный банк", "ЦБ РФ"],
        "website": "https://www.cbr.ru/eng/",
        "description": {
            "en": "<p>Russia's central bank; it keeps the register of those taking part in "
            "the partnership finance trial.</p>",
            "ru": "<p>Центральный банк России; ведёт реестр участников эксперимента по "
            "партнёрскому финансированию.</p>",
        },
        "topics": [ECONOMY, ISLAMIC_FINANCE],
        "regions": [RUSSIA],
    },
    DUM_RT: {
        "name": {
            "en": DUM_RT,
            "ru": "Духовное управление мусульман Республики Татарстан",
            "ar": "الإدارة الدينية لمسلمي جمهورية تتارستان",
        },
        "acronym": "DUM RT",
        "kind": Organisation.Kind.RELIGIOUS,
        "aliases": ["ДУМ РТ", "Muftiate of Tatarstan"],
        "website": "https://dumrt.ru/",
        "description": {
            "en": "<p>The body that unites the Muslim communities of Tatarstan.</p>",
            "ru": "<p>Объединение мусульманских общин Татарстана.</p>",
        },
        "topics": [INTERFAITH, EDUCATION],
        "regions": [TATARSTAN],
    },
    BOLGAR_ACADEMY: {
        "name": {
            "en": BOLGAR_ACADEMY,
            "ru": "Болгарская исламская академия",
            "ar": "الأكاديمية الإسلامية البلغارية",
        },
        "acronym": "",
        "kind": Organisation.Kind.OTHER,
        "aliases": ["БИА"],
        "website": "",
        "description": {
            "en": "<p>A school of Islamic theology for graduate students, opened in Bolgar "
            "in 2017.</p>",
            "ru": "<p>Высшая школа исламского богословия, открытая в Болгаре в 2017 году.</p>",
        },
        "topics": [EDUCATION, INTERFAITH],
        "regions": [BOLGAR],
    },
    KFU: {
        "name": {
            "en": KFU,
            "ru": "Казанский федеральный университет",
            "ar": "جامعة قازان الفيدرالية",
        },
        "acronym": "KFU",
        "kind": Organisation.Kind.OTHER,
        "aliases": ["Kazan University", "КФУ"],
        "website": "https://kpfu.ru/eng",
        "description": {
            "en": "<p>One of Russia's oldest universities, founded in 1804, with a long "
            "school of Oriental and Arabic studies.</p>",
            "ru": "<p>Один из старейших университетов России, основанный в 1804 году, с "
            "давней школой востоковедения и арабистики.</p>",
        },
        "topics": [EDUCATION],
        "regions": [KAZAN],
    },
}

AFFILIATIONS = [
    {
        "person": LAVROV,
        "organisation": MFA,
        "role": "Foreign Minister",
        "start_date": datetime.date(2004, 3, 9),
    },
    {"person": MINNIKHANOV, "organisation": GSV, "role": "Head"},
    {"person": TAHA, "organisation": OIC, "role": "Secretary-General"},
    {"person": SAMIGULLIN, "organisation": DUM_RT, "role": "Mufti"},
    {"person": NABIULLINA, "organisation": BANK_OF_RUSSIA, "role": "Governor"},
]

# Events.
KAZANFORUM_2023 = 'KazanForum 2023 — International Economic Forum "Russia - Islamic World"'
KAZANFORUM_2024 = 'KazanForum 2024 — International Economic Forum "Russia - Islamic World"'
KAZANFORUM_2025 = 'KazanForum 2025 — International Economic Forum "Russia - Islamic World"'
PUTRAJAYA_SUMMIT = "Tenth Islamic Summit Conference, Putrajaya"


def kazanforum(year, first_day, last_day, description):
    return {
        "name": {
            "en": f'KazanForum {year} — International Economic Forum "Russia - Islamic World"',
            "ru": f"KazanForum {year} — Международный экономический форум "
            "«Россия — Исламский мир»",
            "ar": f"منتدى قازان {year} — المنتدى الاقتصادي الدولي «روسيا – العالم الإسلامي»",
        },
        "start_date": first_day,
        "end_date": last_day,
        "venue": "Kazan",
        "status": Event.Status.HELD,
        "description": description,
        "organisers": [GSV],
        "participants": [MINNIKHANOV],
        "topics": [COOPERATION, INTERFAITH],
        "regions": [KAZAN],
    }


EVENTS = {
    KAZANFORUM_2023: kazanforum(
        2023,
        datetime.date(2023, 5, 18),
        datetime.date(2023, 5, 19),
        {
            "en": "<p>The economic forum of Russia and the countries of the Organisation of "
            "Islamic Cooperation, held with a meeting of the Group of Strategic Vision.</p>",
            "ru": "<p>Экономический форум России и стран Организации исламского "
            "сотрудничества, прошедший вместе с заседанием Группы стратегического "
            "видения.</p>",
        },
    ),
    KAZANFORUM_2024: kazanforum(
        2024,
        datetime.date(2024, 5, 14),
        datetime.date(2024, 5, 19),
        {
            "en": "<p>The fifteenth forum, held in the year of Russia's chairmanship of "
            "BRICS.</p>",
            "ru": "<p>Пятнадцатый форум, прошедший в год председательства России в БРИКС.</p>",
        },
    ),
    KAZANFORUM_2025: kazanforum(
        2025,
        datetime.date(2025, 5, 13),
        datetime.date(2025, 5, 18),
        {
            "en": "<p>The sixteenth forum, with the Russia Halal Expo exhibition.</p>",
            "ru": "<p>Шестнадцатый форум с выставкой Russia Halal Expo.</p>",
        },
    ),
    PUTRAJAYA_SUMMIT: {
        "name": {
            "en": PUTRAJAYA_SUMMIT,
            "ru": "Десятая сессия Исламской конференции на высшем уровне, Путраджая",
            "ar": "الدورة العاشرة لمؤتمر القمة الإسلامي، بوتراجايا",
        },
        "start_date": datetime.date(2003, 10, 16),
        "end_date": datetime.date(2003, 10, 17),
        "venue": "Putrajaya",
        "status": Event.Status.HELD,
        "description": {
            "en": "<p>The summit of the Organisation of the Islamic Conference at which the "
            "President of Russia spoke as a guest.</p>",
            "ru": "<p>Саммит Организации Исламская конференция, на котором в качестве гостя "
            "выступил президент России.</p>",
        },
        "organisers": [OIC],
        "participants": [PUTIN],
        "topics": [FOREIGN_POLICY, COOPERATION],
        "regions": [MALAYSIA],
    },
}
