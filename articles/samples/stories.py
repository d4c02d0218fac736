"""The sample newsroom's stories, in English and Russian, written for it.

Each is found again by its slug. A translation names its original's slug in
`translation_of`, and comes after it. Links name the directory's entries by their English
names (articles.samples.directory). The first story is the real press release in
articles/samples/, imported as a file; only what the file lacks is given here.
"""

import datetime

from django.utils.html import format_html

from .directory import (
    BANK_OF_RUSSIA,
    BASHKORTOSTAN,
    BOLGAR,
    BOLGAR_ACADEMY,
    CHECHNYA,
    COOPERATION,
    DAGESTAN,
    DUM_RT,
    ECONOMY,
    EDUCATION,
    EGYPT,
    FOREIGN_POLICY,
    GSV,
    HALAL,
    INTERFAITH,
    ISLAMIC_FINANCE,
    KAZAN,
    KAZANFORUM_2023,
    KAZANFORUM_2024,
    KAZANFORUM_2025,
    KFU,
    LAVROV,
    MALAYSIA,
    MFA,
    MINNIKHANOV,
    NABIULLINA,
    OIC,
    PUTIN,
    PUTRAJAYA_SUMMIT,
    RUSSIA,
    SAMIGULLIN,
    SAUDI_ARABIA,
    TAHA,
    TATARSTAN,
    UN,
    YEMEN,
)

# The slug the importer gives the press release, made from its headline.
PRESS_RELEASE_SLUG = (
    "lavrov-russia-maintains-mutually-respectful-relations-with-countries-of-the-islamic-world"
)

# The Qur'an, al-Hujurat 49:13: "We made you into peoples and tribes, that you may know one
# another". The sanitiser keeps `lang` (not `dir`): browsers lay the Arabic out by its
# letters.
UNITY_VERSE = "وَجَعَلْنَاكُمْ شُعُوبًا وَقَبَائِلَ لِتَعَارَفُوا"


def body(*blocks: str) -> str:
    """Return rich text from paragraphs of plain text and, starting with "<", markup."""
    return "\n".join(
        block if block.startswith("<") else format_html("<p>{}</p>", block) for block in blocks
    )


def quotation(arabic: str, gloss: str) -> str:
    """Return an Arabic quotation in a blockquote, with its meaning under it."""
    return format_html(
        '<blockquote lang="ar"><p lang="ar">{}</p></blockquote>\n<p><em>{}</em></p>',
        arabic,
        gloss,
    )


STORIES = [
    # 2023-03-06: the real press release (English) and its Russian version.
    {
        "slug": PRESS_RELEASE_SLUG,
        "language": "en",
        "standfirst": (
            "Ties with the Islamic world remain a constant priority of Russian foreign "
            "policy, Sergey Lavrov told the Group of Strategic Vision and ambassadors of "
            "OIC states."
        ),
        "people": [LAVROV, PUTIN, MINNIKHANOV],
        "organisations": [MFA, OIC, GSV, UN],
        "events": [KAZANFORUM_2023],
        "topics": [FOREIGN_POLICY, INTERFAITH, COOPERATION],
        "regions": [RUSSIA, TATARSTAN, KAZAN, MALAYSIA],
    },
    {
        "slug": "лавров-россия-дорожит-отношениями-с-исламским-миром",
        "language": "ru",
        "translation_of": PRESS_RELEASE_SLUG,
        "headline": "Лавров: Россия дорожит отношениями с исламским миром",
        "dateline": datetime.date(2023, 3, 6),
        "byline": "Пресс-служба ГСВ «Россия — исламский мир»",
        "standfirst": (
            "Укрепление связей с мусульманскими странами остаётся неизменным приоритетом "
            "российской внешней политики, заявил Сергей Лавров на встрече Группы "
            "стратегического видения с послами государств ОИС."
        ),
        "body": body(
            "Министр иностранных дел России Сергей Лавров выступил на встрече руководства "
            "Группы стратегического видения «Россия — исламский мир» с послами государств — "
            "членов Организации исламского сотрудничества. Во встрече участвовали также "
            "представители федеральных и региональных властей и руководители религиозных "
            "объединений.",
            "По словам министра, Россия поддерживает с исламским миром добрые и "
            "взаимоуважительные отношения, а их дальнейшее укрепление входит в число "
            "постоянных приоритетов её внешней политики. Он отметил, что Россию и "
            "мусульманские государства объединяет приверженность культурному многообразию "
            "народов и их праву самим выбирать путь развития, а также стремление к более "
            "справедливому многополярному миропорядку на основе Устава ООН.",
            "Лавров напомнил, что в этом году исполняется двадцать лет выступлению "
            "Владимира Путина на саммите Организации Исламская конференция в Малайзии. "
            "Тогда российский президент предложил развивать отношения с мусульманским миром "
            "в новом формате, а вскоре Россия получила статус наблюдателя в организации.",
            "Ключевым механизмом этого диалога министр назвал Группу стратегического "
            "видения, созданную в 2006 году; сегодня её возглавляет раис Татарстана Рустам "
            "Минниханов. Важный вклад, по его оценке, вносят и российские регионы, где "
            "мусульмане веками живут в мире с последователями других религий.",
            "В завершение Лавров напомнил, что в конце мая в Казани пройдёт Международный "
            "экономический форум «Россия — исламский мир: KazanForum», получивший "
            "федеральный статус, и пригласил послов приехать на него вместе с делегациями "
            "своих стран.",
        ),
        "people": [LAVROV, PUTIN, MINNIKHANOV],
        "organisations": [MFA, OIC, GSV, UN],
        "events": [KAZANFORUM_2023],
        "topics": [FOREIGN_POLICY, INTERFAITH, COOPERATION],
        "regions": [RUSSIA, TATARSTAN, KAZAN, MALAYSIA],
    },
    # 2023-05-18: KazanForum 2023 opens.
    {
        "slug": "kazanforum-opens-with-federal-status",
        "language": "en",
        "headline": "KazanForum opens in Kazan, a federal forum for the first time",
        "dateline": datetime.date(2023, 5, 18),
        "byline": "Newsroom correspondent in Kazan",
        "standfirst": (
            "Officials, bankers and business people from Russia and the countries of the "
            "Organisation of Islamic Cooperation meet in the capital of Tatarstan for two "
            "days of talks on trade, finance and halal production."
        ),
        "body": body(
            "The International Economic Forum “Russia – Islamic World: KazanForum” opened "
            "in Kazan on Thursday. Held in the city every year since 2009, the forum is "
            "organised this year for the first time with federal status, which brings "
            "federal ministries into its programme alongside the government of Tatarstan.",
            "Its sessions cover partnership (Islamic) finance, the halal industry, "
            "transport corridors linking Russia with the Gulf and South Asia, tourism, "
            "and youth and cultural exchanges. Delegations from member states of the "
            "Organisation of Islamic Cooperation, where Russia has been an observer since "
            "2005, make up much of the guest list.",
            "Alongside the forum, the Group of Strategic Vision “Russia – Islamic World” "
            "is holding a special meeting. The group, chaired by the Rais of Tatarstan "
            "Rustam Minnikhanov, brings together public figures, diplomats and scholars "
            "from Russia and Muslim countries.",
            "In March, Foreign Minister Sergey Lavrov had asked the ambassadors of OIC "
            "states in Moscow to encourage their governments to send delegations to Kazan.",
        ),
        "people": [MINNIKHANOV, LAVROV],
        "organisations": [GSV, OIC],
        "events": [KAZANFORUM_2023],
        "topics": [ECONOMY, COOPERATION, HALAL],
        "regions": [KAZAN],
    },
    {
        "slug": "kazanforum-otkrylsya-v-kazani",
        "language": "ru",
        "translation_of": "kazanforum-opens-with-federal-status",
        "headline": "KazanForum открылся в Казани — впервые как федеральный",
        "dateline": datetime.date(2023, 5, 18),
        "byline": "Корреспондент в Казани",
        "standfirst": (
            "Чиновники, банкиры и предприниматели из России и стран Организации исламского "
            "сотрудничества собрались в столице Татарстана, чтобы два дня обсуждать "
            "торговлю, финансы и халяльное производство."
        ),
        "body": body(
            "В четверг в Казани открылся Международный экономический форум «Россия — "
            "исламский мир: KazanForum». Форум проходит в городе ежегодно с 2009 года, а в "
            "этом году впервые получил федеральный статус: в его программе наряду с "
            "правительством Татарстана участвуют федеральные министерства.",
            "На сессиях обсуждают партнёрское (исламское) финансирование, халяльную "
            "индустрию, транспортные коридоры, связывающие Россию со странами Персидского "
            "залива и Южной Азии, туризм, молодёжные и культурные обмены. Значительную "
            "часть гостей составляют делегации государств — членов Организации исламского "
            "сотрудничества, в которой Россия с 2005 года имеет статус наблюдателя.",
            "Параллельно с форумом проходит специальное заседание Группы стратегического "
            "видения «Россия — исламский мир». Группу возглавляет раис Татарстана Рустам "
            "Минниханов; в неё входят общественные деятели, дипломаты и учёные России и "
            "мусульманских стран.",
            "В марте министр иностранных дел Сергей Лавров просил послов государств ОИС в "
            "Москве рекомендовать своим правительствам направить делегации в Казань.",
        ),
        "people": [MINNIKHANOV, LAVROV],
        "organisations": [GSV, OIC],
        "events": [KAZANFORUM_2023],
        "topics": [ECONOMY, COOPERATION, HALAL],
        "regions": [KAZAN],
    },
    # 2023-09-01: the partnership finance trial begins.
    {
        "slug": "russia-begins-partnership-finance-trial",
        "language": "en",
        "headline": "Russia begins a two-year trial of partnership finance in four regions",
        "dateline": datetime.date(2023, 9, 1),
        "byline": "Newsroom economics desk",
        "standfirst": (
            "Banks and firms in Tatarstan, Bashkortostan, Chechnya and Dagestan may now "
            "offer financing built on the principles of Islamic finance, under a law signed "
            "this summer."
        ),
        "body": body(
            "A federal experiment in partnership finance, as Russian law calls finance "
            "that follows the principles of Islamic banking, starts today and is to last "
            "two years. The law setting it up was signed by President Vladimir Putin in "
            "August.",
            "The trial covers four regions: the republics of Tatarstan, Bashkortostan, "
            "Chechnya and Dagestan. Banks, credit co-operatives, microfinance and leasing "
            "companies there may offer products in which lender and client share profit "
            "and risk instead of charging interest, with the money tied to real goods and "
            "assets.",
            "The Bank of Russia keeps a register of the organisations taking part and "
            "oversees the trial. Those who have worked in the field for years, notably in "
            "Tatarstan, have long argued that a legal framework would let such products "
            "reach more customers and attract investors from the Gulf and South-East Asia.",
            "When the two years are over, the results are to decide whether partnership "
            "finance becomes a permanent part of Russian law and is extended to other "
            "regions.",
        ),
        "people": [PUTIN, NABIULLINA],
        "organisations": [BANK_OF_RUSSIA],
        "events": [],
        "topics": [ECONOMY, ISLAMIC_FINANCE],
        "regions": [TATARSTAN, BASHKORTOSTAN, CHECHNYA, DAGESTAN],
    },
    {
        "slug": "v-rossii-startoval-eksperiment-po-partnyorskomu-finansirovaniyu",
        "language": "ru",
        "translation_of": "russia-begins-partnership-finance-trial",
        "headline": "В четырёх регионах России стартовал эксперимент по партнёрскому "
        "финансированию",
        "dateline": datetime.date(2023, 9, 1),
        "byline": "Экономическая редакция",
        "standfirst": (
            "Банки и компании Татарстана, Башкортостана, Чечни и Дагестана теперь могут "
            "предлагать финансирование по принципам исламских финансов — по закону, "
            "подписанному этим летом."
        ),
        "body": body(
            "С сегодняшнего дня в России на два года начинается эксперимент по "
            "партнёрскому финансированию — так российский закон называет финансирование "
            "по принципам исламского банкинга. Закон о нём президент Владимир Путин "
            "подписал в августе.",
            "Эксперимент охватывает четыре региона: Татарстан, Башкортостан, Чечню и "
            "Дагестан. Банки, кредитные кооперативы, микрофинансовые и лизинговые компании "
            "этих республик могут предлагать продукты, в которых кредитор и клиент делят "
            "прибыль и риски вместо начисления процентов, а деньги привязаны к реальным "
            "товарам и активам.",
            "Реестр участников ведёт Банк России, он же следит за ходом эксперимента. Те, "
            "кто давно работает в этой сфере, прежде всего в Татарстане, не раз говорили, "
            "что правовая основа позволит таким продуктам дойти до большего числа клиентов "
            "и привлечь инвесторов из стран Персидского залива и Юго-Восточной Азии.",
            "По итогам двух лет станет ясно, войдёт ли партнёрское финансирование в "
            "российское законодательство на постоянной основе и распространится ли на "
            "другие регионы.",
        ),
        "people": [PUTIN, NABIULLINA],
        "organisations": [BANK_OF_RUSSIA],
        "events": [],
        "topics": [ECONOMY, ISLAMIC_FINANCE],
        "regions": [TATARSTAN, BASHKORTOSTAN, CHECHNYA, DAGESTAN],
    },
    # 2023-10-16: English only.
    {
        "slug": "twenty-years-since-putrajaya",
        "language": "en",
        "headline": "Twenty years since Putrajaya: how Russia found its seat at the OIC",
        "dateline": datetime.date(2023, 10, 16),
        "byline": "Newsroom foreign desk",
        "standfirst": (
            "In October 2003 the President of Russia addressed a summit of the Organisation "
            "of the Islamic Conference in Malaysia. Two decades on, the ties that speech "
            "began have their own institutions."
        ),
        "body": body(
            "On 16 October 2003 Vladimir Putin spoke as a guest at the tenth Islamic Summit "
            "Conference in Putrajaya, the administrative capital of Malaysia. He described "
            "Russia, home to millions of Muslims, as a natural partner of the Islamic world "
            "and asked for a closer relationship with the organisation.",
            "Two years later, in June 2005, the foreign ministers of the organisation, "
            "meeting in Sana'a, admitted Russia as an observer. In 2011 the organisation "
            "took its present name, the Organisation of Islamic Cooperation.",
            "In 2006 the Group of Strategic Vision “Russia – Islamic World” was founded to "
            "carry the dialogue beyond diplomats, first chaired by the former prime "
            "minister Yevgeny Primakov and now by the Rais of Tatarstan, Rustam Minnikhanov. "
            "Tatarstan's capital, Kazan, has since become the usual meeting place, and its "
            "annual KazanForum the economic side of the relationship.",
            "In March this year Foreign Minister Sergey Lavrov told OIC ambassadors in "
            "Moscow that the anniversary was one of the reasons 2023 was a symbolic year "
            "for these ties.",
        ),
        "people": [PUTIN, MINNIKHANOV, LAVROV],
        "organisations": [OIC, GSV, MFA],
        "events": [PUTRAJAYA_SUMMIT],
        "topics": [FOREIGN_POLICY, COOPERATION],
        "regions": [MALAYSIA, YEMEN, RUSSIA],
    },
    # 2024-05-16: KazanForum 2024, a Russian story and its English version.
    {
        "slug": "kazanforum-2024-brics",
        "language": "ru",
        "headline": "KazanForum 2024: исламский мир и БРИКС в одной повестке",
        "dateline": datetime.date(2024, 5, 16),
        "byline": "Корреспондент в Казани",
        "standfirst": (
            "Пятнадцатый форум «Россия — исламский мир» проходит в год председательства "
            "России в БРИКС, и многие его сессии посвящены тому, как объединение может "
            "сблизиться с мусульманскими странами."
        ),
        "body": body(
            "В Казани продолжается Международный экономический форум «Россия — исламский "
            "мир: KazanForum», который проходит с 14 по 19 мая. Это пятнадцатый форум, и "
            "второй — с федеральным статусом.",
            "Нынешний форум совпал с председательством России в БРИКС. С начала года в "
            "объединение вошли несколько стран с мусульманским большинством населения, и "
            "организаторы отвели отдельные сессии сотрудничеству БРИКС с государствами "
            "Организации исламского сотрудничества: торговле в национальных валютах, "
            "логистике и инвестициям.",
            "Заметное место в программе занимает партнёрское финансирование. Эксперимент, "
            "начавшийся в сентябре прошлого года в Татарстане, Башкортостане, Чечне и "
            "Дагестане, подводит первые итоги, и участники рынка обсуждают, какие правила "
            "понадобятся, если он станет постоянным.",
            "Раис Татарстана Рустам Минниханов, возглавляющий Группу стратегического "
            "видения «Россия — исламский мир», встречает делегации из стран ОИС. На форум "
            "приехали и представители секретариата организации.",
        ),
        "people": [MINNIKHANOV],
        "organisations": [GSV, OIC],
        "events": [KAZANFORUM_2024],
        "topics": [ECONOMY, COOPERATION, ISLAMIC_FINANCE],
        "regions": [KAZAN, TATARSTAN],
    },
    {
        "slug": "kazanforum-2024-brics-and-the-islamic-world",
        "language": "en",
        "translation_of": "kazanforum-2024-brics",
        "headline": "KazanForum 2024 puts BRICS and the Islamic world on one agenda",
        "dateline": datetime.date(2024, 5, 16),
        "byline": "Newsroom correspondent in Kazan",
        "standfirst": (
            "The fifteenth “Russia – Islamic World” forum falls in the year of Russia's "
            "BRICS chairmanship, and many of its sessions ask how the group can draw closer "
            "to Muslim countries."
        ),
        "body": body(
            "The International Economic Forum “Russia – Islamic World: KazanForum” "
            "continues in Kazan, where it runs from 14 to 19 May. It is the fifteenth "
            "forum, and the second with federal status.",
            "This year's forum coincides with Russia's chairmanship of BRICS. Several "
            "countries with Muslim majorities joined the group at the start of the year, "
            "and the organisers have set aside sessions on BRICS co-operation with the "
            "states of the Organisation of Islamic Cooperation: trade in national "
            "currencies, logistics and investment.",
            "Partnership finance has a prominent place in the programme. The trial that "
            "began last September in Tatarstan, Bashkortostan, Chechnya and Dagestan is "
            "taking stock of its first months, and market participants are discussing what "
            "rules will be needed if it becomes permanent.",
            "The Rais of Tatarstan, Rustam Minnikhanov, who chairs the Group of Strategic "
            "Vision “Russia – Islamic World”, is receiving delegations from OIC countries. "
            "Representatives of the organisation's secretariat have also come to the forum.",
        ),
        "people": [MINNIKHANOV],
        "organisations": [GSV, OIC],
        "events": [KAZANFORUM_2024],
        "topics": [ECONOMY, COOPERATION, ISLAMIC_FINANCE],
        "regions": [KAZAN, TATARSTAN],
    },
    # 2024-10-10: a Russian feature with an Arabic quotation, and its English version.
    {
        "slug": "mechet-i-sobor-v-odnom-kremle",
        "language": "ru",
        "headline": "Мечеть и собор в одном кремле: казанский опыт межрелигиозного диалога",
        "dateline": datetime.date(2024, 10, 10),
        "byline": "Отдел культуры",
        "picture": ("#0b5d4b", "#d9b44a", "#f4efe1"),
        "picture_alt": "Узор из золотых восьмиконечных звёзд на зелёном фоне",
        "picture_credit": "Иллюстрация редакции",
        "standfirst": (
            "В Казанском кремле мечеть Кул Шариф стоит в нескольких минутах ходьбы от "
            "Благовещенского собора. Гости из мусульманских стран приезжают посмотреть, "
            "как соседство двух религий устроено в повседневной жизни."
        ),
        "body": body(
            "Благовещенский собор построен в XVI веке, вскоре после взятия Казани войском "
            "Ивана Грозного. Мечеть Кул Шариф, названная в честь имама, погибшего при "
            "обороне города в 1552 году, открылась в 2005 году, к тысячелетию Казани. "
            "Сегодня оба храма — часть ансамбля кремля, внесённого в Список всемирного "
            "наследия ЮНЕСКО.",
            "Для делегаций из стран Организации исламского сотрудничества прогулка по "
            "кремлю давно стала частью программы визита. Экскурсоводы часто напоминают "
            "гостям аят из суры «аль-Худжурат», который в Татарстане любят приводить, "
            "говоря о соседстве народов и вер:",
            quotation(
                UNITY_VERSE,
                "«…и сделали вас народами и племенами, чтобы вы знали друг друга» (Коран, 49:13).",
            ),
            "Духовное управление мусульман Татарстана, которое возглавляет муфтий Камиль "
            "Самигуллин, проводит совместные с православной епархией благотворительные и "
            "просветительские проекты. Межрелигиозное согласие в республике — одна из тем, "
            "которые Группа стратегического видения «Россия — исламский мир» выносит на "
            "свои встречи.",
        ),
        "people": [SAMIGULLIN, MINNIKHANOV],
        "organisations": [DUM_RT, GSV, OIC],
        "events": [],
        "topics": [INTERFAITH],
        "regions": [KAZAN],
    },
    {
        "slug": "a-mosque-and-a-cathedral-in-one-kremlin",
        "language": "en",
        "translation_of": "mechet-i-sobor-v-odnom-kremle",
        "headline": "A mosque and a cathedral in one kremlin: Kazan's way of interfaith dialogue",
        "dateline": datetime.date(2024, 10, 10),
        "byline": "Newsroom culture desk",
        "picture": ("#0b5d4b", "#d9b44a", "#f4efe1"),
        "picture_alt": "A pattern of gold eight-pointed stars on a green ground",
        "picture_credit": "Newsroom illustration",
        "standfirst": (
            "In the Kazan Kremlin the Kul Sharif mosque stands a few minutes' walk from the "
            "Annunciation Cathedral. Visitors from Muslim countries come to see how the two "
            "faiths live side by side from day to day."
        ),
        "body": body(
            "The Annunciation Cathedral was built in the sixteenth century, soon after "
            "Ivan the Terrible's army took Kazan. The Kul Sharif mosque, named after the "
            "imam who died defending the city in 1552, opened in 2005 for the city's "
            "millennium. Both now belong to the Kremlin ensemble on UNESCO's World Heritage "
            "List.",
            "For delegations from the member states of the Organisation of Islamic "
            "Cooperation, a walk through the Kremlin has long been part of a visit. Guides "
            "often remind their guests of a verse of Surat al-Hujurat that people in "
            "Tatarstan like to cite when speaking of neighbouring peoples and faiths:",
            quotation(
                UNITY_VERSE,
                "“…and made you into peoples and tribes, that you may know one another” "
                "(Qur'an, 49:13).",
            ),
            "The Spiritual Administration of Muslims of Tatarstan, led by Mufti Kamil "
            "Samigullin, runs charitable and educational projects together with the "
            "Orthodox diocese. Interfaith harmony in the republic is one of the subjects "
            "the Group of Strategic Vision “Russia – Islamic World” brings to its meetings.",
        ),
        "people": [SAMIGULLIN, MINNIKHANOV],
        "organisations": [DUM_RT, GSV, OIC],
        "events": [],
        "topics": [INTERFAITH],
        "regions": [KAZAN],
    },
    # 2025-05-15: halal producers at KazanForum 2025, an English story and its Russian one.
    {
        "slug": "halal-producers-look-for-markets-at-kazanforum-2025",
        "language": "en",
        "headline": "Halal producers look for new markets at KazanForum 2025",
        "dateline": datetime.date(2025, 5, 15),
        "byline": "Newsroom economics desk",
        "standfirst": (
            "The Russia Halal Expo, held as part of the forum, brings Russian food and "
            "goods makers together with buyers from the Gulf, Central Asia and South-East "
            "Asia."
        ),
        "body": body(
            "The sixteenth KazanForum runs in Kazan from 13 to 18 May, and as in earlier "
            "years its exhibition halls include the Russia Halal Expo, where producers "
            "certified to halal standards show their goods.",
            "Meat and poultry, dairy products, confectionery and cosmetics fill most "
            "stands. Many of the exhibitors come from the Volga region and the North "
            "Caucasus, where halal production grew first to serve local Muslim customers "
            "and now increasingly looks abroad.",
            "Certification is the recurring subject of the sessions: exporters need their "
            "certificates recognised in each importing country, and buyers from Saudi "
            "Arabia and other Gulf states set their own requirements. Russian certifying "
            "bodies, among them the one attached to the Spiritual Administration of Muslims "
            "of Tatarstan, describe how they work with foreign partners.",
            "For many visitors the expo is also a first look at Russian regions they know "
            "little about, and the forum's tourism sessions present halal-friendly travel "
            "in Tatarstan.",
        ),
        "people": [],
        "organisations": [DUM_RT, OIC],
        "events": [KAZANFORUM_2025],
        "topics": [HALAL, ECONOMY],
        "regions": [KAZAN, SAUDI_ARABIA],
    },
    {
        "slug": "khalyal-na-kazanforum-2025",
        "language": "ru",
        "translation_of": "halal-producers-look-for-markets-at-kazanforum-2025",
        "headline": "Производители халяль ищут новые рынки на KazanForum 2025",
        "dateline": datetime.date(2025, 5, 15),
        "byline": "Экономическая редакция",
        "standfirst": (
            "Выставка Russia Halal Expo, которая проходит в рамках форума, сводит "
            "российских производителей продуктов и товаров с покупателями из стран "
            "Персидского залива, Центральной и Юго-Восточной Азии."
        ),
        "body": body(
            "Шестнадцатый KazanForum проходит в Казани с 13 по 18 мая. Как и в прошлые "
            "годы, в его выставочных залах работает Russia Halal Expo, где свою продукцию "
            "показывают производители, сертифицированные по стандартам халяль.",
            "Больше всего на стендах мяса и птицы, молочной продукции, кондитерских "
            "изделий и косметики. Многие участники выставки — из Поволжья и с Северного "
            "Кавказа, где халяльное производство сначала росло для местных покупателей-"
            "мусульман, а теперь всё чаще ориентируется на экспорт.",
            "Главная тема сессий — сертификация: экспортёрам нужно, чтобы их сертификаты "
            "признавали в каждой стране-импортёре, а покупатели из Саудовской Аравии и "
            "других стран Залива предъявляют собственные требования. Российские "
            "сертифицирующие органы, в том числе действующий при Духовном управлении "
            "мусульман Татарстана, рассказывают о работе с зарубежными партнёрами.",
            "Для многих гостей выставка — ещё и первое знакомство с российскими регионами, "
            "о которых они мало знают, а туристические сессии форума представляют "
            "халяль-туризм в Татарстане.",
        ),
        "people": [],
        "organisations": [DUM_RT, OIC],
        "events": [KAZANFORUM_2025],
        "topics": [HALAL, ECONOMY],
        "regions": [KAZAN, SAUDI_ARABIA],
    },
    # 2025-05-16: Russian only.
    {
        "slug": "gsv-vstretilas-v-kazani",
        "language": "ru",
        "headline": "Группа стратегического видения «Россия — исламский мир» встретилась в Казани",
        "dateline": datetime.date(2025, 5, 16),
        "byline": "Корреспондент в Казани",
        "standfirst": (
            "На полях KazanForum члены группы обсудили гуманитарные связи, образование и "
            "роль регионов России с мусульманским населением в отношениях с исламским "
            "миром."
        ),
        "body": body(
            "В дни KazanForum в Казани собрались члены Группы стратегического видения "
            "«Россия — исламский мир». Заседание провёл председатель группы, раис "
            "Татарстана Рустам Минниханов.",
            "В группу входят бывшие министры, дипломаты, богословы и учёные из России и "
            "стран Организации исламского сотрудничества. Она не принимает обязательных "
            "решений, но её рекомендации служат площадкой для новых проектов — от "
            "студенческих обменов до совместных конференций.",
            "Участники обсудили подготовку кадров: российские исламские вузы, в том числе "
            "Болгарская исламская академия, расширяют связи с университетами "
            "мусульманских стран, а Казанский федеральный университет принимает всё больше "
            "студентов из государств ОИС.",
            "Через два месяца исполняется двадцать лет с тех пор, как Россия получила "
            "статус наблюдателя в ОИС, и участники встречи говорили о том, как отметить "
            "эту дату.",
        ),
        "people": [MINNIKHANOV],
        "organisations": [GSV, OIC, BOLGAR_ACADEMY, KFU],
        "events": [KAZANFORUM_2025],
        "topics": [COOPERATION, EDUCATION],
        "regions": [KAZAN],
    },
    # 2025-06-30: Russian only.
    {
        "slug": "20-let-rossiya-nablyudatel-ois",
        "language": "ru",
        "headline": "Двадцать лет наблюдателем: Россия и Организация исламского сотрудничества",
        "dateline": datetime.date(2025, 6, 30),
        "byline": "Международная редакция",
        "picture": ("#1d3f73", "#f2f2f2", "#c8963e"),
        "picture_alt": "Узор из белых восьмиконечных звёзд на синем фоне",
        "picture_credit": "Иллюстрация редакции",
        "standfirst": (
            "В июне 2005 года министры иностранных дел исламских государств приняли Россию "
            "в организацию в качестве наблюдателя. За два десятилетия у этих связей "
            "появились свои институты и регулярные встречи."
        ),
        "body": body(
            "Решение о статусе наблюдателя было принято на сессии Совета министров "
            "иностранных дел Организации Исламская конференция в Сане, столице Йемена. "
            "Ему предшествовало выступление Владимира Путина на саммите организации в "
            "малайзийской Путраджае в октябре 2003 года.",
            "С тех пор Россия участвует в сессиях министров иностранных дел ОИС, а "
            "российские дипломаты регулярно встречаются с руководством секретариата в "
            "Джидде. С 2021 года генеральным секретарём организации является чадский "
            "дипломат Хиссейн Брахим Таха.",
            "В 2006 году появилась Группа стратегического видения «Россия — исламский мир», "
            "а Казань стала постоянным местом встреч: ежегодный KazanForum со временем "
            "превратился в главную экономическую площадку этих отношений.",
            "Министр иностранных дел Сергей Лавров не раз называл укрепление связей с "
            "мусульманскими странами постоянным приоритетом российской внешней политики.",
        ),
        "people": [PUTIN, TAHA, LAVROV],
        "organisations": [OIC, GSV, MFA],
        "events": [PUTRAJAYA_SUMMIT],
        "topics": [FOREIGN_POLICY, COOPERATION],
        "regions": [RUSSIA, YEMEN, SAUDI_ARABIA, MALAYSIA],
    },
    # 2026-02-10: English only, the newest story: the front page's lead.
    {
        "slug": "arabic-in-tatarstan-universities",
        "language": "en",
        "headline": "Arabic in Tatarstan's lecture halls: universities widen their ties "
        "with the Arab world",
        "dateline": datetime.date(2026, 2, 10),
        "byline": "Newsroom education desk",
        "picture": ("#0f4c5c", "#e0c27a", "#9a3b3b"),
        "picture_alt": "A pattern of sand-coloured eight-pointed stars on a teal ground",
        "picture_credit": "Newsroom illustration",
        "standfirst": (
            "From Kazan Federal University's school of Oriental studies to the Bolgar "
            "Islamic Academy, Tatarstan trains Arabists and theologians and sends more "
            "of its students to study in Arab countries."
        ),
        "body": body(
            "Arabic has been taught in Kazan for more than two centuries: Kazan University, "
            "founded in 1804, became one of the Russian Empire's centres of Oriental "
            "studies. Today its successor, Kazan Federal University, teaches Arabic to "
            "future diplomats, translators and regional specialists.",
            "Students spend semesters at partner universities in Egypt and other Arab "
            "countries, and the university in turn receives students from the member "
            "states of the Organisation of Islamic Cooperation, who come to study "
            "medicine, engineering and the Russian language.",
            "Theological education has its own route. The Bolgar Islamic Academy, opened in "
            "2017 on the site where Volga Bulgaria adopted Islam in 922, trains graduate "
            "students and invites scholars from Al-Azhar and other centres of Islamic "
            "learning to teach.",
            "The Spiritual Administration of Muslims of Tatarstan supports Arabic teaching "
            "in the republic's madrasas, and the Group of Strategic Vision “Russia – "
            "Islamic World” lists education exchanges among the projects it backs.",
        ),
        "people": [SAMIGULLIN],
        "organisations": [KFU, BOLGAR_ACADEMY, DUM_RT, GSV],
        "events": [],
        "topics": [EDUCATION, COOPERATION],
        "regions": [KAZAN, BOLGAR, EGYPT],
    },
]
