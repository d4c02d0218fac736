"""A made-up authority directory the size of a real newsroom's, and a 1,500-word article
that mentions a few dozen of its entries: what `make bench-linking` times the linker on
(issue 15). Nothing here touches a database.

`directory(entries, names)` gives exactly `entries` entries holding exactly `names`
names (each entry's name and aliases; people's titles come on top), in the format of
LINKING.md, the same ones for the same seed. The twenty entries of the sample directory
(articles/samples/directory.json) are among them, so that the sample
press release mentions real entries. The rest are built from lists of real first names,
surnames, places and words: people (most of them; Russian ones with transliteration
variants, a patronymic form and Cyrillic forms, Arabic ones with Arabic script, others
in Latin letters only; a surname alone when no one else bears it), organisations with
their acronyms and Russian or Arabic names, regions (countries, Russian republics and
towns, Arab and other towns), events, topics, and dated titles that pass from one
holder to the next.

`article(entries)` is the sample press release followed by paragraphs in English, a few
of them in Russian, naming generated entries by name, alias, acronym, a title held on
the dateline and Russian inflected forms; it returns the keys it was built to mention.
"""

import datetime
import json
import random
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path

from django.utils.text import slugify

from articles.linking import Entry, Segment, morphology

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parent / "articles" / "samples"
SAMPLE_PRESS_RELEASE = SAMPLES / "000_9ec0c75d61527fda.txt"
SAMPLE_DIRECTORY = SAMPLES / "directory.json"
# What the sample press release mentions of the sample directory, as the linker's tests
# hold it (LINKING.md's worked example).
SAMPLE_LINKS = HERE.parent / "tests/articles/linking/releases/000_9ec0c75d61527fda.links.json"
SEED = 15
DATELINE = datetime.date(2023, 3, 6)  # the sample press release's
ARTICLE_WORDS = 1500

# Each kind's share of the entries: mostly people and organisations, thousands of
# regions at 50,000, hundreds of topics and events.
SHARES = {"person": 0.60, "organisation": 0.28, "region": 0.08, "event": 0.03, "topic": 0.01}

# --- the lists -----------------------------------------------------------------------------

RUSSIAN_MEN = (
    "Александр Алексей Андрей Антон Артём Борис Вадим Валерий Василий Виктор Владимир "
    "Владислав Вячеслав Геннадий Георгий Григорий Денис Дмитрий Евгений Егор Иван Игорь "
    "Кирилл Константин Леонид Максим Михаил Николай Олег Павел Пётр Роман Руслан Рустам "
    "Сергей Станислав Степан Тимур Фёдор Юрий Ярослав Марат Ильдар Айдар Радик Ринат "
    "Арсений Глеб Эдуард Анатолий Аркадий Семён Тагир Булат Ильшат"
).split()
RUSSIAN_WOMEN = (
    "Анна Анастасия Валентина Вера Галина Дарья Екатерина Елена Ирина Лариса Людмила "
    "Марина Мария Наталья Нина Ольга Светлана Татьяна Юлия Алсу Гульнара Лейла Софья "
    "Ксения Полина Евгения Оксана Регина Эльмира Зульфия"
).split()
RUSSIAN_SURNAMES = (
    "Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров "
    "Морозов Волков Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов "
    "Андреев Макаров Никитин Захаров Зайцев Соловьёв Борисов Яковлев Григорьев Романов "
    "Воробьёв Сергеев Кузьмин Фролов Александров Дмитриев Королёв Гусев Киселёв Ильин "
    "Максимов Поляков Сорокин Виноградов Ковалёв Белов Антонов Тарасов Жуков Баранов "
    "Филиппов Комаров Давыдов Беляев Герасимов Богданов Осипов Сидоров Матвеев Титов "
    "Марков Миронов Крылов Куликов Карпов Власов Мельников Денисов Гаврилов Тихонов "
    "Казаков Афанасьев Данилов Савельев Тимофеев Фомин Чернов Абрамов Мартынов Ефимов "
    "Федотов Щербаков Назаров Калинин Исаев Чернышёв Быков Маслов Родионов Коновалов "
    "Лазарев Воронин Климов Филатов Пономарёв Голубев Кудрявцев Прохоров Наумов Потапов "
    "Журавлёв Овчинников Трофимов Леонов Соболев Ермаков Колесников Гончаров Емельянов "
    "Никифоров Грачёв Котов Гришин Ефремов Архипов Громов Кириллов Малышев Панов Моисеев "
    "Румянцев Акимов Кондратьев Бирюков Горбунов Анисимов Ерёмин Тихомиров Галкин "
    "Лукьянов Михеев Скворцов Юдин Белоусов Нестеров Симонов Прокофьев Харитонов Князев "
    "Цветков Левин Митрофанов Воронов Аксёнов Мальцев Логинов Горшков Савин Краснов "
    "Майоров Демидов Елисеев Рыбаков Сафонов Плотников Дёмин Хохлов Жданов Руднев Шубин "
    "Мухин Шилов Сазонов Глебов Кулагин Веселов Хабибуллин Галиев Сафин Гарипов Зарипов "
    "Нуриев Хайруллин Шарипов Валиев Закиров Ахметов Мухаметшин Гилязов Фаттахов Сабиров "
    "Латыпов Ибрагимов Каримов Юсупов Мусин Ганиев Шайхутдинов Хусаинов Яруллин Вишневский "
    "Покровский Успенский Троицкий Никольский Воскресенский Введенский Знаменский "
    "Островский Добровольский Кравченко Шевченко Бондаренко Ткаченко Коваленко Бойко"
).split()
# Roots of more surnames and of towns: Соколов, Соколовский, Соколово, Соколовск.
RUSSIAN_ROOTS = (
    "Берёз Дуб Клён Лип Сосн Ельн Осин Рябин Калин Вишн Яблон Груш Орех Камыш Тростн "
    "Камен Глин Песк Болот Озёр Речн Ключ Родник Холм Гор Дол Луг Пол Бор Лес Рощ "
    "Сокол Ворон Голуб Журавл Лебед Сов Орл Ястреб Кречет Снегир Щегл Дрозд Чиж Стриж "
    "Медвед Волч Лис Зайч Бобр Барс Рыс Соболь Куниц Горност Олен Лос Кабан Ёрш Окун "
    "Кузнец Гончар Плотник Мельник Пекар Бондар Колесник Ткач Кожевник Рыбак Пастух "
    "Звон Свет Ясн Тих Быстр Светл Красн Бел Чёрн Зелен Сив Рыж Сед Мороз Снеж Ветр "
    "Гром Туч Зор Рассвет Полян Дубрав Ольх Верб Тополь Кедр Пихт Можжевел Ковыл Полын"
).split()
# (Latin, a second spelling, Arabic script)
ARAB_FIRST_NAMES = [
    ("Mohammed", "Muhammad", "محمد"),
    ("Ahmed", "Ahmad", "أحمد"),
    ("Ali", "Aly", "علي"),
    ("Omar", "Umar", "عمر"),
    ("Khalid", "Khaled", "خالد"),
    ("Abdullah", "Abdallah", "عبد الله"),
    ("Hassan", "Hasan", "حسن"),
    ("Hussein", "Husayn", "حسين"),
    ("Youssef", "Yusuf", "يوسف"),
    ("Ibrahim", "Ebrahim", "إبراهيم"),
    ("Faisal", "Faysal", "فيصل"),
    ("Saud", "Saoud", "سعود"),
    ("Tariq", "Tarek", "طارق"),
    ("Mahmoud", "Mahmud", "محمود"),
    ("Mustafa", "Mostafa", "مصطفى"),
    ("Nasser", "Nasir", "ناصر"),
    ("Salman", "Selman", "سلمان"),
    ("Hamad", "Hamed", "حمد"),
    ("Rashid", "Rashed", "راشد"),
    ("Saeed", "Said", "سعيد"),
    ("Adel", "Adil", "عادل"),
    ("Karim", "Kareem", "كريم"),
    ("Walid", "Waleed", "وليد"),
    ("Ziad", "Ziyad", "زياد"),
    ("Bandar", "Bander", "بندر"),
    ("Sultan", "Soltan", "سلطان"),
    ("Majid", "Majed", "ماجد"),
    ("Fahd", "Fahad", "فهد"),
    ("Jassim", "Jasim", "جاسم"),
    ("Mansour", "Mansur", "منصور"),
    ("Fatima", "Fatimah", "فاطمة"),
    ("Aisha", "Aysha", "عائشة"),
    ("Mariam", "Maryam", "مريم"),
    ("Noura", "Nura", "نورة"),
    ("Layla", "Leila", "ليلى"),
    ("Huda", "Houda", "هدى"),
    ("Amal", "Amel", "أمل"),
    ("Reem", "Rim", "ريم"),
]
ARAB_WOMEN = {"Fatima", "Aisha", "Mariam", "Noura", "Layla", "Huda", "Amal", "Reem"}
ARAB_FAMILIES = [
    ("Al-Rashid", "الراشد"),
    ("Al-Thani", "آل ثاني"),
    ("Al-Nahyan", "آل نهيان"),
    ("Al-Maktoum", "آل مكتوم"),
    ("Al-Sabah", "الصباح"),
    ("Al-Khalifa", "آل خليفة"),
    ("Al-Otaibi", "العتيبي"),
    ("Al-Qahtani", "القحطاني"),
    ("Al-Ghamdi", "الغامدي"),
    ("Al-Zahrani", "الزهراني"),
    ("Al-Harbi", "الحربي"),
    ("Al-Shehri", "الشهري"),
    ("Al-Mutairi", "المطيري"),
    ("Al-Dosari", "الدوسري"),
    ("Al-Shamsi", "الشامسي"),
    ("Al-Hashimi", "الهاشمي"),
    ("Al-Mansouri", "المنصوري"),
    ("Al-Falasi", "الفلاسي"),
    ("Al-Jaber", "الجابر"),
    ("Al-Sayegh", "الصايغ"),
    ("Al-Kaabi", "الكعبي"),
    ("Al-Marri", "المري"),
    ("Al-Balushi", "البلوشي"),
    ("Al-Hinai", "الهنائي"),
    ("Haddad", "حداد"),
    ("Khoury", "خوري"),
    ("Nasr", "نصر"),
    ("Saleh", "صالح"),
    ("Hamdan", "حمدان"),
    ("Aziz", "عزيز"),
    ("Farouk", "فاروق"),
    ("El-Sayed", "السيد"),
    ("Abdelaziz", "عبد العزيز"),
    ("Barakat", "بركات"),
    ("Darwish", "درويش"),
    ("Hijazi", "حجازي"),
    ("Masri", "المصري"),
    ("Shami", "الشامي"),
    ("Tamimi", "التميمي"),
    ("Zaidi", "الزيدي"),
]
OTHER_FIRST_NAMES = (
    "John James Robert Michael William David Richard Thomas Charles Daniel Matthew "
    "Mark Paul Steven Andrew Peter George Edward Henry Jack Oliver Harry Emma Olivia "
    "Sophie Charlotte Amelia Grace Helen Sarah Laura Claire Anne Julia Marie Pierre "
    "Jean Louis François Émile Hélène Camille Hans Klaus Jürgen Stefan Wolfgang Ursula "
    "Mehmet Mustafa Ahmet Emre Burak Elif Zeynep Ayşe Hakan Çağlar Anwar Najib Siti Nurul "
    "Budi Agus Dewi Joko Arif Wei Ming Li Hao Raj Arjun Priya Anil Sanjay Carlos Luis "
    "José Ana Lucía Giorgio Marco Giulia Francesca Kenji Yuki Haruto Aiko Nursultan "
    "Kassym Dinara Aigerim Shavkat Dilnoza Rustam Ilham Leyla Recep"
).split()
OTHER_SURNAMES = (
    "Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Moore "
    "Jackson White Harris Martin Thompson Clarke Lewis Walker Hall Allen Young King Wright "
    "Scott Green Baker Adams Nelson Hill Campbell Mitchell Roberts Carter Phillips Evans "
    "Turner Parker Collins Edwards Stewart Morris Murphy Cook Rogers Morgan Cooper "
    "Peterson Reed Bailey Bell Kelly Howard Ward Cox Richardson Wood Watson Brooks Bennett "
    "Gray Hughes Price Sanders Myers Long Ross Foster Dubois Lefèvre Moreau Laurent "
    "Fontaine Rousseau Girard Bonnet Mercier Lambert Müller Schmidt Schneider Fischer "
    "Weber Meyer Wagner Becker Schulz Hoffmann Koch Richter Klein Wolf Schröder Neumann "
    "Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan "
    "Kılıç Aslan Çetin Kara Koç Kurt Özkan Şimşek Erdoğan Ibrahim Abdullah Rahman Hassan "
    "Ismail Osman Yusof Hamid Razak Aziz Santoso Wijaya Susanto Hidayat Saputra Gunawan "
    "Setiawan Kusuma Nugroho Wang Zhang Liu Chen Yang Huang Zhao Zhou Wu Xu Sun Ma Zhu "
    "Sharma Verma Gupta Singh Kumar Patel Reddy Nair Iyer Menon Rao Das Bose Garcia "
    "Rodriguez Martinez Hernandez Lopez Gonzalez Perez Sanchez Ramirez Torres Rossi "
    "Russo Ferrari Esposito Bianchi Romano Colombo Ricci Tanaka Suzuki Takahashi "
    "Watanabe Nakamura Kobayashi Nazarbayev Tokayev Aliyev Mirziyoyev Karimova Akhmedov "
    "Tashkentov Seitkali Dzhaksybekov Omarov Abenov Baimukhamedov Zhakupov Nurlanov"
).split()
PEOPLE_DESCRIPTIONS = [
    "Official.",
    "Businessman.",
    "Diplomat.",
    "Scholar.",
    "Member of parliament.",
    "Religious leader.",
    "Economist.",
    "Journalist.",
]
# (English, adjective, Russian, Russian genitive, Arabic or "")
COUNTRIES = [
    ("Indonesia", "Indonesian", "Индонезия", "Индонезии", "إندونيسيا"),
    ("Turkey", "Turkish", "Турция", "Турции", "تركيا"),
    ("Egypt", "Egyptian", "Египет", "Египта", "مصر"),
    ("Saudi Arabia", "Saudi", "Саудовская Аравия", "Саудовской Аравии", "السعودية"),
    ("United Arab Emirates", "Emirati", "Объединённые Арабские Эмираты", "ОАЭ", "الإمارات"),
    ("Qatar", "Qatari", "Катар", "Катара", "قطر"),
    ("Kuwait", "Kuwaiti", "Кувейт", "Кувейта", "الكويت"),
    ("Bahrain", "Bahraini", "Бахрейн", "Бахрейна", "البحرين"),
    ("Oman", "Omani", "Оман", "Омана", "عمان"),
    ("Jordan", "Jordanian", "Иордания", "Иордании", "الأردن"),
    ("Iraq", "Iraqi", "Ирак", "Ирака", "العراق"),
    ("Syria", "Syrian", "Сирия", "Сирии", "سوريا"),
    ("Lebanon", "Lebanese", "Ливан", "Ливана", "لبنان"),
    ("Algeria", "Algerian", "Алжир", "Алжира", "الجزائر"),
    ("Morocco", "Moroccan", "Марокко", "Марокко", "المغرب"),
    ("Tunisia", "Tunisian", "Тунис", "Туниса", "تونس"),
    ("Libya", "Libyan", "Ливия", "Ливии", "ليبيا"),
    ("Sudan", "Sudanese", "Судан", "Судана", "السودان"),
    ("Yemen", "Yemeni", "Йемен", "Йемена", "اليمن"),
    ("Mauritania", "Mauritanian", "Мавритания", "Мавритании", "موريتانيا"),
    ("Iran", "Iranian", "Иран", "Ирана", "إيران"),
    ("Pakistan", "Pakistani", "Пакистан", "Пакистана", "باكستان"),
    ("Afghanistan", "Afghan", "Афганистан", "Афганистана", "أفغانستان"),
    ("Bangladesh", "Bangladeshi", "Бангладеш", "Бангладеш", "بنغلاديش"),
    ("Kazakhstan", "Kazakh", "Казахстан", "Казахстана", "كازاخستان"),
    ("Uzbekistan", "Uzbek", "Узбекистан", "Узбекистана", "أوزبكستان"),
    ("Kyrgyzstan", "Kyrgyz", "Киргизия", "Киргизии", "قيرغيزستان"),
    ("Tajikistan", "Tajik", "Таджикистан", "Таджикистана", "طاجيكستان"),
    ("Turkmenistan", "Turkmen", "Туркмения", "Туркмении", "تركمانستان"),
    ("Azerbaijan", "Azerbaijani", "Азербайджан", "Азербайджана", "أذربيجان"),
    ("Brunei", "Bruneian", "Бруней", "Брунея", "بروناي"),
    ("Nigeria", "Nigerian", "Нигерия", "Нигерии", "نيجيريا"),
    ("Senegal", "Senegalese", "Сенегал", "Сенегала", "السنغال"),
    ("Mali", "Malian", "Мали", "Мали", "مالي"),
    ("Niger", "Nigerien", "Нигер", "Нигера", "النيجر"),
    ("Chad", "Chadian", "Чад", "Чада", "تشاد"),
    ("Somalia", "Somali", "Сомали", "Сомали", "الصومال"),
    ("Djibouti", "Djiboutian", "Джибути", "Джибути", "جيبوتي"),
    ("Comoros", "Comorian", "Коморы", "Комор", "جزر القمر"),
    ("Maldives", "Maldivian", "Мальдивы", "Мальдив", "جزر المالديف"),
    ("China", "Chinese", "Китай", "Китая", "الصين"),
    ("India", "Indian", "Индия", "Индии", "الهند"),
    ("Brazil", "Brazilian", "Бразилия", "Бразилии", "البرازيل"),
    ("South Africa", "South African", "ЮАР", "ЮАР", "جنوب أفريقيا"),
    ("Belarus", "Belarusian", "Белоруссия", "Белоруссии", "بيلاروسيا"),
    ("Armenia", "Armenian", "Армения", "Армении", "أرمينيا"),
    ("Serbia", "Serbian", "Сербия", "Сербии", "صربيا"),
    ("Vietnam", "Vietnamese", "Вьетнам", "Вьетнама", "فيتنام"),
    ("Thailand", "Thai", "Таиланд", "Таиланда", "تايلاند"),
    ("Singapore", "Singaporean", "Сингапур", "Сингапура", "سنغافورة"),
    ("Mongolia", "Mongolian", "Монголия", "Монголии", "منغوليا"),
    ("Ethiopia", "Ethiopian", "Эфиопия", "Эфиопии", "إثيوبيا"),
    ("Kenya", "Kenyan", "Кения", "Кении", "كينيا"),
    ("Tanzania", "Tanzanian", "Танзания", "Танзании", "تنزانيا"),
    ("Venezuela", "Venezuelan", "Венесуэла", "Венесуэлы", "فنزويلا"),
    ("Cuba", "Cuban", "Куба", "Кубы", "كوبا"),
    ("Mexico", "Mexican", "Мексика", "Мексики", "المكسيك"),
    ("Argentina", "Argentine", "Аргентина", "Аргентины", "الأرجنتين"),
    ("France", "French", "Франция", "Франции", "فرنسا"),
    ("Germany", "German", "Германия", "Германии", "ألمانيا"),
    ("Italy", "Italian", "Италия", "Италии", "إيطاليا"),
    ("Japan", "Japanese", "Япония", "Японии", "اليابان"),
]
# Russian republics and regions: (English, Russian).
RUSSIAN_SUBJECTS = [
    ("Bashkortostan", "Башкортостан"),
    ("Chuvashia", "Чувашия"),
    ("Dagestan", "Дагестан"),
    ("Chechnya", "Чечня"),
    ("Ingushetia", "Ингушетия"),
    ("Kabardino-Balkaria", "Кабардино-Балкария"),
    ("Karachay-Cherkessia", "Карачаево-Черкесия"),
    ("Adygea", "Адыгея"),
    ("Mordovia", "Мордовия"),
    ("Mari El", "Марий Эл"),
    ("Udmurtia", "Удмуртия"),
    ("Crimea", "Крым"),
    ("Yakutia", "Якутия"),
    ("Buryatia", "Бурятия"),
    ("Tuva", "Тыва"),
    ("Khakassia", "Хакасия"),
    ("Altai", "Алтай"),
    ("Kalmykia", "Калмыкия"),
    ("Karelia", "Карелия"),
    ("Komi", "Коми"),
    ("North Ossetia", "Северная Осетия"),
    ("Astrakhan Oblast", "Астраханская область"),
    ("Orenburg Oblast", "Оренбургская область"),
    ("Samara Oblast", "Самарская область"),
    ("Ulyanovsk Oblast", "Ульяновская область"),
    ("Penza Oblast", "Пензенская область"),
    ("Novosibirsk Oblast", "Новосибирская область"),
    ("Sverdlovsk Oblast", "Свердловская область"),
    ("Chelyabinsk Oblast", "Челябинская область"),
    ("Nizhny Novgorod Oblast", "Нижегородская область"),
]
TOWN_PREFIXES = ["", "Ново", "Старо", "Верхне", "Нижне", "Красно", "Бело"]
TOWN_SUFFIXES = ["ово", "овск", "ино", "огорск", "ое"]
ARAB_PLACE_HEADS = [
    ("Ras", "رأس"),
    ("Wadi", "وادي"),
    ("Bir", "بئر"),
    ("Umm", "أم"),
    ("Jebel", "جبل"),
    ("Ain", "عين"),
    ("Tell", "تل"),
    ("Khor", "خور"),
    ("Qasr", "قصر"),
    ("Deir", "دير"),
    ("Souq", "سوق"),
    ("Madinat", "مدينة"),
]
ARAB_PLACE_TAILS = [
    ("Al-Nakhl", "النخل"),
    ("Al-Zahra", "الزهراء"),
    ("Al-Hamra", "الحمراء"),
    ("Al-Baida", "البيضاء"),
    ("Al-Khadra", "الخضراء"),
    ("Al-Shams", "الشمس"),
    ("Al-Qamar", "القمر"),
    ("Al-Salam", "السلام"),
    ("Al-Nour", "النور"),
    ("Al-Kabir", "الكبير"),
    ("Al-Jadid", "الجديد"),
    ("Al-Sharq", "الشرق"),
    ("Al-Gharb", "الغرب"),
    ("Al-Bahr", "البحر"),
    ("Al-Rimal", "الرمال"),
    ("Al-Ward", "الورد"),
    ("Al-Zaytun", "الزيتون"),
    ("Al-Ahmar", "الأحمر"),
    ("Al-Abyad", "الأبيض"),
    ("Al-Hilal", "الهلال"),
    ("Al-Nujum", "النجوم"),
    ("Al-Marjan", "المرجان"),
    ("Al-Sahil", "الساحل"),
    ("Al-Jabal", "الجبل"),
]
OTHER_TOWN_ROOTS = (
    "Ash Birch Brook Clay Elm Fair Green Hazel Holly Kings Lake Marsh Mill Oak Pine "
    "Red Rose Silver Stone Summer Thorn West East North South Wood Willow Maple Cedar "
    "Glen Harbour Bright Castle Cross Deer Falcon Fox Golden Iron Lark Moss Raven Salt "
    "Sand Swan Wolf Amber Copper"
).split()
OTHER_TOWN_SUFFIXES = (
    "ford field ton bury ham wick worth ley dale haven port mouth bridge stead brook "
    "wood hill ridge vale side gate moor minster cliff well"
).split()
# (English, Russian adjective in the masculine, Arabic or "")
DOMAINS = [
    ("Energy", "энергетический", "الطاقة"),
    ("Oil", "нефтяной", "النفط"),
    ("Gas", "газовый", "الغاز"),
    ("Transport", "транспортный", "النقل"),
    ("Investment", "инвестиционный", "الاستثمار"),
    ("Trade", "торговый", "التجارة"),
    ("Shipbuilding", "судостроительный", ""),
    ("Aviation", "авиационный", "الطيران"),
    ("Chemical", "химический", ""),
    ("Mining", "горнодобывающий", "التعدين"),
    ("Construction", "строительный", "البناء"),
    ("Agricultural", "сельскохозяйственный", "الزراعة"),
    ("Financial", "финансовый", "المالية"),
    ("Insurance", "страховой", "التأمين"),
    ("Pharmaceutical", "фармацевтический", ""),
    ("Engineering", "инжиниринговый", ""),
    ("Information", "информационный", "المعلومات"),
    ("Telecommunications", "телекоммуникационный", "الاتصالات"),
    ("Logistics", "логистический", "اللوجستيات"),
    ("Machine-Building", "машиностроительный", ""),
    ("Metallurgical", "металлургический", ""),
    ("Timber", "лесопромышленный", ""),
    ("Food", "пищевой", "الغذاء"),
    ("Tourism", "туристический", "السياحة"),
    ("Educational", "образовательный", "التعليم"),
]
PLACE_ADJECTIVES = [
    ("Northern", "северный"),
    ("Southern", "южный"),
    ("Eastern", "восточный"),
    ("Western", "западный"),
    ("Central", "центральный"),
    ("Volga", "волжский"),
    ("Ural", "уральский"),
    ("Siberian", "сибирский"),
    ("Baltic", "балтийский"),
    ("Caspian", "каспийский"),
    ("Arctic", "арктический"),
    ("Far Eastern", "дальневосточный"),
    ("Russian", "российский"),
    ("International", "международный"),
    ("United", "объединённый"),
    ("National", "национальный"),
    ("Federal", "федеральный"),
    ("Regional", "региональный"),
    ("Interregional", "межрегиональный"),
    ("Eurasian", "евразийский"),
    ("Kama", "камский"),
    ("Don", "донской"),
    ("Amur", "амурский"),
    ("Black Sea", "черноморский"),
    ("Crimean", "крымский"),
]
# (English, Russian, its gender)
ORGANISATION_HEADS = [
    ("Company", "компания", "f"),
    ("Corporation", "корпорация", "f"),
    ("Bank", "банк", "m"),
    ("Fund", "фонд", "m"),
    ("Union", "союз", "m"),
    ("Association", "ассоциация", "f"),
    ("Agency", "агентство", "n"),
    ("Holding", "холдинг", "m"),
    ("Centre", "центр", "m"),
    ("Institute", "институт", "m"),
    ("Chamber", "палата", "f"),
    ("Society", "общество", "n"),
    ("Group", "группа", "f"),
]
# Ministries: (English, Russian genitive, Arabic)
PORTFOLIOS = [
    ("Energy", "энергетики", "الطاقة"),
    ("Foreign Affairs", "иностранных дел", "الخارجية"),
    ("Health", "здравоохранения", "الصحة"),
    ("Education", "образования", "التعليم"),
    ("Finance", "финансов", "المالية"),
    ("Transport", "транспорта", "النقل"),
    ("Culture", "культуры", "الثقافة"),
    ("Agriculture", "сельского хозяйства", "الزراعة"),
    ("Defence", "обороны", "الدفاع"),
    ("Justice", "юстиции", "العدل"),
    ("Industry and Trade", "промышленности и торговли", "الصناعة والتجارة"),
    ("Labour", "труда", "العمل"),
    ("Tourism", "туризма", "السياحة"),
    ("Digital Development", "цифрового развития", "التنمية الرقمية"),
    ("Natural Resources", "природных ресурсов", "الموارد الطبيعية"),
    ("Sport", "спорта", "الرياضة"),
    ("Interior", "внутренних дел", "الداخلية"),
    ("Religious Affairs", "по делам религий", "الشؤون الدينية"),
]
BRANDS = [
    ("Voskhod", "Восход"),
    ("Rassvet", "Рассвет"),
    ("Zarya", "Заря"),
    ("Progress", "Прогресс"),
    ("Vektor", "Вектор"),
    ("Meridian", "Меридиан"),
    ("Gorizont", "Горизонт"),
    ("Impuls", "Импульс"),
    ("Almaz", "Алмаз"),
    ("Rubin", "Рубин"),
    ("Sapfir", "Сапфир"),
    ("Yantar", "Янтарь"),
    ("Granit", "Гранит"),
    ("Kristall", "Кристалл"),
    ("Orbita", "Орбита"),
    ("Kosmos", "Космос"),
    ("Polyus", "Полюс"),
    ("Sever", "Север"),
    ("Vostok", "Восток"),
    ("Zenit", "Зенит"),
    ("Start", "Старт"),
    ("Fakel", "Факел"),
    ("Iskra", "Искра"),
    ("Molniya", "Молния"),
    ("Signal", "Сигнал"),
]
BRAND_FORMS = [("JSC", "АО"), ("PJSC", "ПАО"), ("LLC", "ООО"), ("NPO", "НПО"), ("GK", "ГК")]
# Topics: (English adjective, Russian adjective in the masculine)
TOPIC_QUALIFIERS = [
    ("energy", "энергетический"),
    ("food", "продовольственный"),
    ("water", "водный"),
    ("climate", "климатический"),
    ("digital", "цифровой"),
    ("nuclear", "ядерный"),
    ("financial", "финансовый"),
    ("agricultural", "сельскохозяйственный"),
    ("cultural", "культурный"),
    ("educational", "образовательный"),
    ("humanitarian", "гуманитарный"),
    ("economic", "экономический"),
    ("transport", "транспортный"),
    ("migration", "миграционный"),
    ("information", "информационный"),
    ("industrial", "промышленный"),
    ("environmental", "экологический"),
    ("scientific", "научный"),
    ("social", "социальный"),
    ("tax", "налоговый"),
    ("customs", "таможенный"),
    ("space", "космический"),
    ("medical", "медицинский"),
    ("religious", "религиозный"),
    ("youth", "молодёжный"),
]
# (English, Russian, its gender)
TOPIC_HEADS = [
    ("security", "безопасность", "f"),
    ("policy", "политика", "f"),
    ("cooperation", "сотрудничество", "n"),
    ("market", "рынок", "m"),
    ("transition", "переход", "m"),
    ("development", "развитие", "n"),
    ("trade", "торговля", "f"),
    ("reform", "реформа", "f"),
    ("crisis", "кризис", "m"),
    ("diplomacy", "дипломатия", "f"),
    ("infrastructure", "инфраструктура", "f"),
    ("sovereignty", "суверенитет", "m"),
    ("regulation", "регулирование", "n"),
    ("partnership", "партнёрство", "n"),
    ("integration", "интеграция", "f"),
    ("law", "право", "n"),
    ("heritage", "наследие", "n"),
    ("research", "исследование", "n"),
    ("exchange", "обмен", "m"),
    ("statistics", "статистика", "f"),
]
# Events: (English, Russian, its gender)
EVENT_KINDS = [
    ("Forum", "форум", "m"),
    ("Summit", "саммит", "m"),
    ("Exhibition", "выставка", "f"),
    ("Congress", "конгресс", "m"),
    ("Week", "неделя", "f"),
    ("Conference", "конференция", "f"),
    ("Fair", "ярмарка", "f"),
]
TITLE_PATTERNS = {
    "town": ["Mayor of {}", "Head of {}"],
    "subject": ["Head of {}", "Governor of {}", "Prime Minister of {}"],
    "country": ["President of {}", "Prime Minister of {}", "Ambassador of {} to Russia"],
}

# --- Russian words -------------------------------------------------------------------------

TRANSLITERATION = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "a b v g d e yo zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya".split(),
        strict=True,
    )
)
# The other spelling a name goes by: Sergei for Sergey, Alexander for Aleksandr.
SECOND_SPELLING = [
    (re.compile(r"iy\b"), "i"),
    (re.compile(r"ey\b"), "ei"),
    (re.compile(r"ks"), "x"),
    (re.compile(r"yo"), "e"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"yu"), "iu"),
    (re.compile(r"ya\b"), "ia"),
]


def transliterate(cyrillic: str) -> str:
    """BGN/PCGN, simplified: Сергей Лавров → Sergey Lavrov, Ёлкино → Yolkino."""

    def word(part: str) -> str:
        latin = "".join(TRANSLITERATION.get(c.lower(), c).replace("-", "") for c in part)
        return capitalised(latin) if part[:1].isupper() else latin

    return " ".join("-".join(map(word, w.split("-"))) for w in cyrillic.split(" "))


def second_spelling(latin: str) -> str:
    for pattern, replacement in SECOND_SPELLING:
        changed = pattern.sub(replacement, latin)
        if changed != latin:
            return changed
    return latin


def agree(adjective: str, gender: str) -> str:
    """A Russian adjective given in the masculine, in the gender of its noun."""
    if gender == "m":
        return adjective
    stem, ending = adjective[:-2], adjective[-2:]
    hard = ending in ("ый", "ой") or stem[-1:] in "гкхжшчщ"
    if gender == "f":
        return stem + ("ая" if hard else "яя")
    return stem + ("ое" if hard else "ее")


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def patronymic(father: str, woman: bool) -> str | None:
    """Сергей → Сергеевич, Игорь → Игоревна, Юрий → Юрьевич, Дмитрий → Дмитриевич,
    Пётр → Петрович."""
    if father[-1] in "ая":
        return None
    father = father.replace("Пётр", "Петр")
    if father in ("Дмитрий", "Георгий"):
        stem, soft = father[:-1], True
    elif father.endswith("ий"):
        stem, soft = father[:-2] + "ь", True
    elif father[-1] in "йь":
        stem, soft = father[:-1], True
    else:
        stem, soft = father, False
    return stem + ("е" if soft else "о") + ("вна" if woman else "вич")


def feminine_surname(surname: str) -> str:
    if surname.endswith("ский") or surname.endswith("цкий"):
        return surname[:-2] + "ая"
    if surname[-2:] in ("ов", "ев", "ёв", "ин", "ын"):
        return surname + "а"
    return surname


def inflect(phrase: str, case: str) -> str:
    """A Russian name in `case` (gent, datv, ablt, loct), word by word, by the same
    morphology the linker reads with; quoted parts and acronyms stay as they are."""
    words = []
    quoted = False
    for word in phrase.split(" "):
        if word.startswith("«"):
            quoted = True
        if quoted or not re.fullmatch(r"[А-Яа-яЁё-]+", word) or word.isupper():
            words.append(word)
        else:
            words.append(inflect_word(word, case))
        if word.endswith("»"):
            quoted = False
    return " ".join(words)


def inflect_word(word: str, case: str) -> str:
    parses = morphology().parse(word)
    preferred = [
        p for p in parses if "nomn" in p.tag and ({"Name", "Surn", "Geox"} & p.tag.grammemes)
    ]
    nominative = [p for p in parses if "nomn" in p.tag]
    for parse in preferred + nominative + parses:
        form = parse.inflect({case})
        if form:
            result = form.word
            return capitalised(result) if word[0].isupper() else result
    return word


# --- the directory -------------------------------------------------------------------------


@dataclass
class Draft:
    """An entry being made: its aliases in the order they are dropped last to first."""

    kind: str
    name: str
    aliases: list[str] = field(default_factory=list)
    description: str = ""
    titles: list[dict] = field(default_factory=list)
    parent: str | None = None
    region: str | None = None
    id: str = ""
    # A person's or a place's name in Russian: whose surname it is, what a town's
    # institutions and events are called.
    russian: str = ""

    def as_entry(self) -> dict:
        entry = {
            "id": self.id,
            "kind": self.kind,
            "name": self.name,
            "aliases": self.aliases,
            "description": self.description,
        }
        if self.kind == "person":
            entry["titles"] = self.titles
        if self.kind == "region":
            entry["parent"] = self.parent
        if self.kind in ("organisation", "event"):
            entry["region"] = self.region
        if self.kind == "organisation":
            entry["parent"] = None
        if self.kind == "event":
            entry["recurring"] = True
        return entry


class Maker:
    """Makes drafts of each kind, none sharing a name with another (nor an acronym)."""

    def __init__(self, rng, taken):
        self.rng = rng
        self.taken = taken  # folded names already used
        self.ids = set()

    def claim(self, draft: Draft) -> Draft | None:
        names = [draft.name, *draft.aliases]
        folded = [name.casefold() for name in names]
        if any(name in self.taken for name in folded) or len(set(folded)) < len(folded):
            # An alias that someone else has is dropped; a name, the whole draft.
            if draft.name.casefold() in self.taken:
                return None
            kept, seen = [], {draft.name.casefold()}
            for alias in draft.aliases:
                if alias.casefold() not in self.taken and alias.casefold() not in seen:
                    kept.append(alias)
                    seen.add(alias.casefold())
            draft.aliases = kept
        self.taken.update(name.casefold() for name in [draft.name, *draft.aliases])
        slug = slugify(draft.name) or slugify(transliterate(draft.name)) or "entry"
        key, number = f"{draft.kind}:{slug}", 2
        while key in self.ids:
            key, number = f"{draft.kind}:{slug}-{number}", number + 1
        self.ids.add(key)
        draft.id = key
        return draft

    def take(self, candidates, count: int) -> list[Draft]:
        """Up to `count` drafts from an iterable of them, skipping those taken."""
        made = []
        for draft in candidates:
            if len(made) == count:
                break
            if self.claim(draft):
                made.append(draft)
        return made


def shuffled(rng, items):
    items = list(items)
    rng.shuffle(items)
    return items


def acronym(name: str) -> str:
    letters = [w[0] for w in re.split(r"[\s-]+", name) if w[:1].isupper()]
    return "".join(letters) if 2 <= len(letters) <= 6 else ""


def joined(root: str, suffix: str) -> str:
    """Тополь + ов → Тополев, Сокол + ов → Соколов."""
    if root[-1] in "ьй" and suffix[0] == "о":
        return root[:-1] + "е" + suffix[1:]
    return root + suffix


def russian_people(rng):
    """Сергей Викторович Соколов: Sergey Sokolov, Сергей Соколов, Sergei Sokolov, Sergey
    Viktorovich Sokolov, Сергей Викторович Соколов, Соколов Сергей Викторович, S. Sokolov,
    С. Соколов; the likeliest in an article first."""
    surnames = list(dict.fromkeys(RUSSIAN_SURNAMES))
    surnames += [
        surname
        for root, suffix in product(RUSSIAN_ROOTS, ("ов", "ин", "овский", "ович"))
        if (surname := joined(root, suffix)) not in surnames
    ]
    people = product(RUSSIAN_MEN + RUSSIAN_WOMEN, surnames)
    for first, surname in shuffled(rng, people):
        woman = first in RUSSIAN_WOMEN
        if woman:
            surname = feminine_surname(surname)
        father = patronymic(rng.choice(RUSSIAN_MEN), woman)
        russian = f"{first} {surname}"
        latin = transliterate(russian)
        aliases = [russian, second_spelling(latin)]
        if father:
            full = f"{first} {father} {surname}"
            aliases += [transliterate(full), full, f"{surname} {first} {father}"]
        aliases += [f"{latin[0]}. {latin.split()[-1]}", f"{first[0]}. {surname}"]
        yield Draft(
            "person",
            latin,
            [alias for alias in aliases if alias != latin],
            description=rng.choice(PEOPLE_DESCRIPTIONS),
            russian=russian,
        )


def arab_people(rng):
    """Khalid bin Hamad Al-Thani: خالد بن حمد آل ثاني, Khaled bin Hamad Al-Thani, Khalid
    bin Hamad Al Thani, Khalid Al-Thani, خالد آل ثاني."""
    men = [name for name in ARAB_FIRST_NAMES if name[0] not in ARAB_WOMEN]
    for (first, second, arabic), father, (family, family_arabic) in shuffled(
        rng, product(ARAB_FIRST_NAMES, men, ARAB_FAMILIES)
    ):
        link = ("bint", "بنت") if first in ARAB_WOMEN else ("bin", "بن")
        latin = f"{first} {link[0]} {father[0]} {family}"
        aliases = [
            f"{arabic} {link[1]} {father[2]} {family_arabic}",
            f"{second} {link[0]} {father[0]} {family}",
            f"{first} {link[0]} {father[0]} {family.replace('-', ' ')}",
            f"{first} {family}",
            f"{arabic} {family_arabic}",
        ]
        yield Draft("person", latin, aliases, description=rng.choice(PEOPLE_DESCRIPTIONS))


def other_people(rng):
    """Zeynep Yıldız, Zeynep Yildiz, Z. Yıldız."""
    for first, surname in shuffled(rng, product(OTHER_FIRST_NAMES, OTHER_SURNAMES)):
        latin = f"{first} {surname}"
        aliases = []
        plain = ascii_folded(latin)
        if plain != latin:
            aliases.append(plain)
        aliases.append(f"{first} {rng.choice('ABCDEFGHJKLMNPRSTW')}. {surname}")
        aliases.append(f"{first[0]}. {surname}")
        yield Draft("person", latin, aliases, description=rng.choice(PEOPLE_DESCRIPTIONS))


def ascii_folded(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.replace("ı", "i"))
    return "".join(c for c in folded if not unicodedata.combining(c))


def countries():
    for english, _adjective, russian, _genitive, arabic in COUNTRIES:
        aliases = [russian] + ([arabic] if arabic else [])
        yield Draft("region", english, aliases, description="Country.")


def russian_subjects():
    for english, russian in RUSSIAN_SUBJECTS:
        yield Draft("region", english, [russian], description="Region of Russia.")


def russian_towns(rng):
    names = []
    for prefix, root, suffix in product(TOWN_PREFIXES, RUSSIAN_ROOTS, TOWN_SUFFIXES):
        names.append(joined(prefix + (root.lower() if prefix else root), suffix))
    for russian in shuffled(rng, dict.fromkeys(names)):
        latin = transliterate(russian)
        aliases = [russian]
        second = second_spelling(latin)
        if second != latin:
            aliases.append(second)
        yield Draft("region", latin, aliases, description="Town in Russia.", russian=russian)


def arab_towns(rng):
    for (head, head_arabic), (tail, tail_arabic) in shuffled(
        rng, product(ARAB_PLACE_HEADS, ARAB_PLACE_TAILS)
    ):
        latin = f"{head} {tail}"
        aliases = [f"{head_arabic} {tail_arabic}", f"{head} {tail.replace('Al-', 'al-')}"]
        yield Draft("region", latin, aliases, description="Town.")


def other_towns(rng):
    for before, root, suffix in shuffled(
        rng, product(("", "New ", "Port "), OTHER_TOWN_ROOTS, OTHER_TOWN_SUFFIXES)
    ):
        name = before + root + suffix
        yield Draft("region", name, [f"{name} Town"], description="Town.")


def russian_organisations(rng):
    """Northern Energy Company, Северная энергетическая компания, the Northern Energy
    Company, NEC, СЭК, Severnaya energeticheskaya kompaniya."""
    for (place, place_ru), (domain, domain_ru, _), (head, head_ru, gender) in shuffled(
        rng, product(PLACE_ADJECTIVES, DOMAINS, ORGANISATION_HEADS)
    ):
        english = f"{place} {domain} {head}"
        russian = capitalised(f"{agree(place_ru, gender)} {agree(domain_ru, gender)} {head_ru}")
        aliases = [
            russian,
            "the " + english,
            acronym(english),
            cyrillic_acronym(russian),
            transliterate(russian),
        ]
        yield Draft(
            "organisation",
            english,
            [a for a in aliases if a],
            description="Company.",
        )


def cyrillic_acronym(russian: str) -> str:
    letters = [w[0].upper() for w in russian.split() if w[0].isalpha()]
    return "".join(letters) if 2 <= len(letters) <= 6 else ""


def ministries(rng):
    """Ministry of Energy of Qatar, Qatari Ministry of Energy, Министерство энергетики
    Катара, وزارة الطاقة في قطر."""
    for (country, adjective, _, genitive, arabic), (
        portfolio,
        portfolio_ru,
        portfolio_ar,
    ) in shuffled(rng, product(COUNTRIES, PORTFOLIOS)):
        english = f"Ministry of {portfolio} of {country}"
        russian = f"Министерство {portfolio_ru} {genitive}"
        aliases = [
            f"{adjective} Ministry of {portfolio}",
            russian,
            f"{arabic and 'وزارة ' + portfolio_ar + ' في ' + arabic}",
            f"Ministry of {portfolio} of the {country}" if " " in country else "",
        ]
        yield Draft(
            "organisation",
            english,
            [a for a in aliases if a],
            description="Government ministry.",
        )


def brands(rng):
    for (latin, russian), (form, form_ru), (domain, _, _) in shuffled(
        rng, product(BRANDS, BRAND_FORMS, DOMAINS)
    ):
        english = f"{latin} {domain} {form}"
        aliases = [f"{form_ru} «{russian}-{domain[:4].lower()}»", f"{latin} {domain}"]
        yield Draft("organisation", english, aliases, description="Company.")


# (English, Russian and its gender): Sokolovsk State University, Соколовский
# государственный университет.
TOWN_INSTITUTIONS = [
    ("Chamber of Commerce", "торговая палата", "f"),
    ("State University", "государственный университет", "m"),
    ("Port Authority", "портовое управление", "n"),
    ("City Council", "городской совет", "m"),
]


def town_organisations(rng, towns):
    for town, (head, head_ru, gender) in shuffled(rng, product(towns, TOWN_INSTITUTIONS)):
        english = f"{town.name} {head}"
        aliases = [f"the {english}", acronym(english)]
        if town.russian:
            russian = capitalised(f"{agree(town_adjective(town.russian), gender)} {head_ru}")
            aliases[1:1] = [russian, cyrillic_acronym(russian)]
        yield Draft("organisation", english, [a for a in aliases if a], description="Institution.")


def town_adjective(town: str) -> str:
    """Соколовск, Соколово, Соколино → Соколовский, Соколовский, Соколинский."""
    for ending, replacement in (("ск", "ский"), ("ово", "овский"), ("ое", "ский"), ("о", "ский")):
        if town.endswith(ending):
            return town[: -len(ending)] + replacement
    return town + "ский"


def events(rng, towns):
    for town, (kind, kind_ru, gender), (domain, domain_ru, _) in shuffled(
        rng, product(towns[:400], EVENT_KINDS, DOMAINS)
    ):
        english = f"{town.name} {domain} {kind}"
        aliases = [f"{town.name}{kind}" if kind in ("Forum", "Summit") else ""]
        if town.russian:
            russian = capitalised(f"{agree(domain_ru, gender)} {kind_ru} «{town.russian}»")
            aliases.append(russian)
        yield Draft(
            "event",
            english,
            [a for a in aliases if a],
            description="Recurring event.",
        )


def topics(rng):
    for (qualifier, qualifier_ru), (head, head_ru, gender) in shuffled(
        rng, product(TOPIC_QUALIFIERS, TOPIC_HEADS)
    ):
        english = f"{qualifier} {head}"
        russian = f"{agree(qualifier_ru, gender)} {head_ru}"
        yield Draft(
            "topic",
            capitalised(english),
            [russian],
            description="Topic.",
        )


def load_sample() -> list[dict]:
    return json.loads(SAMPLE_DIRECTORY.read_text())["entries"]


def quotas(entries: int, sample: list[dict]) -> dict[str, int]:
    """How many entries of each kind to make, the sample's included."""
    counts = {kind: round(entries * share) for kind, share in SHARES.items()}
    counts["person"] += entries - sum(counts.values())
    have = Counter(entry["kind"] for entry in sample)
    return {kind: max(0, count - have[kind]) for kind, count in counts.items()}


def split(total: int, shares: list[float]) -> list[int]:
    parts = [int(total * share) for share in shares]
    parts[0] += total - sum(parts)
    return parts


def directory(entries: int = 50_000, names: int = 200_000, seed: int = SEED) -> list[dict]:
    """`entries` entries with `names` names between them, in LINKING.md's format."""
    rng = random.Random(seed)
    sample = load_sample()
    if entries < len(sample) * 5:
        raise ValueError(f"at least {len(sample) * 5} entries")
    taken = {name.casefold() for e in sample for name in [e["name"], *e.get("aliases", [])]}
    maker = Maker(rng, taken)
    for entry in sample:
        maker.ids.add(entry["id"])
    need = quotas(entries, sample)

    regions_wanted = need["region"]
    made_regions = maker.take(countries(), min(len(COUNTRIES), regions_wanted // 8))
    made_regions += maker.take(russian_subjects(), min(len(RUSSIAN_SUBJECTS), regions_wanted // 8))
    rest = regions_wanted - len(made_regions)
    russian, arab, other = split(rest, [0.6, 0.05, 0.35])
    russian_towns_made = maker.take(russian_towns(rng), russian)
    arab_made = maker.take(arab_towns(rng), arab)
    other_made = maker.take(other_towns(rng), other)
    made_regions += russian_towns_made + arab_made + other_made
    for town in russian_towns_made:
        subjects = [r for r in made_regions if r.description == "Region of Russia."]
        town.parent = rng.choice(subjects).id if subjects else "region:russia"
    towns = russian_towns_made + other_made + arab_made

    topics_made = maker.take(topics(rng), need["topic"])
    events_made = maker.take(events(rng, towns), need["event"])
    russian_orgs, ministry_count, brand_count, town_orgs = split(
        need["organisation"], [0.5, 0.1, 0.1, 0.3]
    )
    organisations = maker.take(russian_organisations(rng), russian_orgs)
    organisations += maker.take(ministries(rng), ministry_count)
    organisations += maker.take(brands(rng), brand_count)
    organisations += maker.take(town_organisations(rng, towns), town_orgs)
    organisations += maker.take(
        russian_organisations(random.Random(seed + 1)), need["organisation"] - len(organisations)
    )
    for organisation in organisations:
        organisation.region = rng.choice(towns).id if towns else None
    for event in events_made:
        event.region = rng.choice(towns).id if towns else None

    russian_count, arab_count, other_count = split(need["person"], [0.45, 0.2, 0.35])
    people = maker.take(russian_people(rng), russian_count)
    people += maker.take(arab_people(rng), arab_count)
    people += maker.take(other_people(rng), other_count)
    people += maker.take(russian_people(random.Random(seed + 1)), need["person"] - len(people))
    give_surnames(people, maker)
    give_titles(rng, people, made_regions)

    made = made_regions + topics_made + events_made + organisations + people
    for kind, count in need.items():
        have = sum(draft.kind == kind for draft in made)
        if have != count:
            raise ValueError(f"made {have} {kind} entries of {count}: the lists are too short")
    trim(rng, made, names - sum(1 + len(e.get("aliases", [])) for e in sample))
    return sample + [draft.as_entry() for draft in made]


def give_surnames(people: list[Draft], maker: Maker):
    """A surname alone is an alias of the one person who bears it (and nothing else
    goes by it): Lavrov, Лавров."""
    surnames = Counter()
    for person in people:
        surnames[person.name.split()[-1].casefold()] += 1
        if person.russian:
            surnames[person.russian.split()[-1].casefold()] += 1
    for person in people:
        alone = [person.name.split()[-1]]
        if person.russian:
            alone.append(person.russian.split()[-1])
        for surname in alone:
            if surnames[surname.casefold()] == 1 and surname.casefold() not in maker.taken:
                person.aliases.insert(0, surname)
                maker.taken.add(surname.casefold())


def give_titles(rng, people: list[Draft], regions: list[Draft]):
    """About one person in five holds a dated title, which passes from one holder to
    the next: the Mayor of Sokolovsk was one person until 2019, another since."""
    offices = []
    for region in regions:
        if region.description == "Country.":
            patterns = TITLE_PATTERNS["country"]
        elif region.description == "Region of Russia.":
            patterns = TITLE_PATTERNS["subject"]
        else:
            patterns = TITLE_PATTERNS["town"]
        offices += [pattern.format(region.name) for pattern in patterns]
    candidates = shuffled(rng, people)
    holders = iter(candidates[: len(people) // 5])
    for office in shuffled(rng, offices):
        start = datetime.date(
            2004 + rng.randrange(8), 1 + rng.randrange(12), 1 + rng.randrange(28)
        )
        for term in range(rng.choice((1, 2, 2, 3))):
            person = next(holders, None)
            if person is None:
                return
            end = start + datetime.timedelta(days=365 * rng.choice((4, 5, 6)) + rng.randrange(200))
            last = term == 2 or end > datetime.date(2025, 1, 1)
            person.titles.append(
                {
                    "title": office,
                    "from": start.isoformat(),
                    "to": None if last else end.isoformat(),
                }
            )
            if last:
                break
            start = end + datetime.timedelta(days=1)


def trim(rng, drafts: list[Draft], names: int):
    """Drop aliases, the last-listed first and spread over the entries, until the
    drafts hold `names` names."""
    excess = sum(1 + len(draft.aliases) for draft in drafts) - names
    if excess < 0:
        raise ValueError(f"{-excess} names short: the lists are too short for so many names")
    order = shuffled(rng, drafts)
    while excess:
        dropped = False
        for draft in order:
            if excess and draft.aliases:
                draft.aliases.pop()
                excess -= 1
                dropped = True
        if not dropped:
            raise ValueError("no aliases left to drop")


def linker_entries(entries: list[dict]) -> list[Entry]:
    """The directory as the linker reads it (what articles.directory.entries() gives
    from the database)."""

    def day(value):
        return datetime.date.fromisoformat(value) if value else None

    return [
        Entry(
            entry["kind"],
            entry["id"],
            tuple(dict.fromkeys([entry["name"], *entry.get("aliases", [])])),
            tuple(
                (t["title"], day(t.get("from")), day(t.get("to"))) for t in entry.get("titles", [])
            ),
        )
        for entry in entries
    ]


# --- the article ---------------------------------------------------------------------------


@dataclass
class Article:
    headline: str
    body: str  # plain text, paragraphs apart
    byline: str
    hero_credit: str
    dateline: datetime.date
    mentioned: set[str]  # the keys of the entries it was built to mention

    def segments(self) -> list[Segment]:
        return [
            Segment("headline", self.headline),
            Segment("body", self.body),
            Segment("byline", self.byline),
            Segment("hero_credit", self.hero_credit),
        ]

    @property
    def words(self) -> int:
        return sum(len(segment.text.split()) for segment in self.segments())


FILLER = [
    "The talks lasted several hours and covered a wide range of questions.",
    "Both sides noted the steady growth of contacts over the past decade.",
    "Participants agreed to meet again before the end of the year.",
    "Experts from several countries took part in the working sessions.",
    "The parties signed a memorandum on the exchange of information.",
    "Journalists were briefed on the results of the meeting in the evening.",
    "The programme included round tables, exhibitions and a business breakfast.",
    "Particular attention was paid to joint projects in education and culture.",
    "Delegates also visited local enterprises and a new technology park.",
    "Officials said the next round of consultations would be held in the spring.",
    "On Thursday the Minister told reporters that the first 12 projects were under way.",
    "According to the Ministry, trade between the two countries grew by 14% last year.",
    '"We have a lot of work ahead of us," the Chairman said after the plenary session.',
    "The Memorandum of Understanding covers 2024-2026 and may be extended.",
    "More than 3,500 delegates from 80 countries registered for the event.",
    "A joint Working Group will report to the Council by the end of June.",
    "The Declaration adopted on Friday calls for closer ties in Science and Technology.",
    "Local media reported that the new Terminal would open in September.",
    "The Agreement was ratified by Parliament in a vote of 312 to 41.",
    "Several Heads of Delegation stressed the importance of the Charter.",
    "Business leaders welcomed the decision, calling it long overdue.",
    "The next meeting of the Commission is scheduled for October in the capital.",
]
FILLER_RU = [
    "Стороны договорились продолжить консультации.",
    "Участники встречи обсудили планы на следующий год.",
    "Подписан меморандум о сотрудничестве.",
]


def article(entries: list[dict], seed: int = SEED) -> Article:
    """The sample press release, then paragraphs that name generated entries (a few
    dozen of them at 50,000 entries, fewer in a small directory), to ARTICLE_WORDS
    words."""
    rng = random.Random(seed)
    text = SAMPLE_PRESS_RELEASE.read_text()
    headline, _, rest = text.partition("\n")
    _dateline, _, body = rest.strip().partition("\n")
    body, _, credit = body.strip().rpartition("\n")
    links = json.loads(SAMPLE_LINKS.read_text())
    mentioned = {key for kinds in next(iter(links.values())).values() for key in kinds}

    sample_ids = {entry["id"] for entry in load_sample()}
    generated = [e for e in entries if e["id"] not in sample_ids]
    counts = Counter(n.casefold() for e in entries for n in [e["name"], *e.get("aliases", [])])
    holders = title_holders(entries, DATELINE)

    def pick(kind, number, where=lambda entry: True):
        """Entries of `kind` none of whose names another entry has."""
        pool = [
            e
            for e in generated
            if e["kind"] == kind
            and all(counts[n.casefold()] == 1 for n in [e["name"], *e["aliases"]])
            and where(e)
        ]
        chosen = rng.sample(pool, min(number, len(pool)))
        for entry in chosen:
            generated.remove(entry)
        return chosen

    paragraphs = []

    def paragraph(sentences):
        """A paragraph of (sentence, entries it names), with a sentence of filler."""
        sentences = list(sentences)
        if sentences:
            for _, named in sentences:
                mentioned.update(entry["id"] for entry in named)
            filler = rng.choice(FILLER_RU if CYRILLIC.search(sentences[0][0]) else FILLER)
            paragraphs.append(" ".join([*(sentence for sentence, _ in sentences), filler]))

    untitled = lambda e: not e["titles"]  # noqa: E731
    people = pick("person", 12, untitled)
    russians = pick("person", 4, lambda e: untitled(e) and len(cyrillic(e).split()) > 1)
    titled = pick(
        "person", 3, lambda e: any(holders.get(t["title"]) == e["id"] for t in e["titles"])
    )
    companies = pick("organisation", 5, lambda e: cyrillic(e))
    shortened = pick("organisation", 2, lambda e: latin_acronym(e))
    towns = pick("region", 6, lambda e: cyrillic(e))
    events_ = pick("event", 3)
    topics_ = pick("topic", 4, lambda e: cyrillic(e))

    paragraph(
        (f"{person['name']} travelled to {town['name']} for the talks.", [person, town])
        for person, town in zip(people[:3], towns[:3], strict=False)
    )
    paragraph(
        (
            f"The statement was also signed by {latin_alias(person)}, who joined by video link.",
            [person],
        )
        for person in people[3:6]
    )
    paragraph(
        (
            f"In a message to the participants, the {held_title(person, holders)} welcomed the agreement.",
            [person],
        )
        for person in titled
    )
    paragraph(
        (
            f"A delegation of the {company['name']} presented its plans for the coming years.",
            [company],
        )
        for company in companies[:3]
    )
    paragraph(
        (
            f"Representatives of the {company['name']} ({latin_acronym(company)}) joined later.",
            [company],
        )
        for company in shortened
    )
    paragraph(
        (
            f"{person['name']} invited the delegations to the {event['name']} next autumn.",
            [person, event],
        )
        for person, event in zip(people[6:9], events_, strict=False)
    )
    paragraph(
        (f"They agreed to put {topic['name'].lower()} at the top of next year's agenda.", [topic])
        for topic in topics_[:2]
    )
    # In Russian, inflected: "по словам Сергея Соколова", "в Соколовске".
    paragraph(
        [
            (
                f"По словам {inflect(cyrillic(person), 'gent')}, встреча в "
                f"{inflect(cyrillic(town), 'loct')} прошла успешно.",
                [person, town],
            )
            for person, town in zip(russians, towns[3:], strict=False)
        ]
        + [
            (f"Особое внимание уделили теме «{inflect(cyrillic(topic), 'gent')}».", [topic])
            for topic in topics_[2:]
        ]
        + [
            (
                f"С докладом выступили представители {inflect(cyrillic(company), 'gent')}.",
                [company],
            )
            for company in companies[3:]
        ]
    )
    paragraph(
        (f"{person['name']} said the meeting had been useful.", [person]) for person in people[9:]
    )

    full = "\n\n".join([body.strip(), *paragraphs])
    words = len(headline.split()) + len(credit.split()) + len(BYLINE.split())
    # Then more of the same, naming again some of those named: articles repeat names.
    again = [
        e for e in entries if e["id"] in mentioned and e["kind"] in ("person", "organisation")
    ]
    while words + len(full.split()) < ARTICLE_WORDS:
        named = rng.choice(again)
        sentences = rng.sample(FILLER, 3)
        the = "the " if named["kind"] == "organisation" else ""
        sentences.insert(1, f"A spokesperson for {the}{named['name']} confirmed the figures.")
        full += "\n\n" + " ".join(sentences)
    return Article(headline.strip(), full, BYLINE, credit.strip(), DATELINE, mentioned)


BYLINE = "By our correspondent"
CYRILLIC = re.compile("[А-Яа-яЁё]")


def cyrillic(entry) -> str:
    return next((a for a in entry["aliases"] if CYRILLIC.search(a)), "")


def latin_alias(entry) -> str:
    """A second spelling of a name, if it has one."""
    return next(
        (a for a in entry["aliases"] if not CYRILLIC.search(a) and a.isascii() and " " in a),
        entry["name"],
    )


def latin_acronym(entry) -> str:
    return next((a for a in entry["aliases"] if a.isupper() and a.isascii() and " " not in a), "")


def held_title(person, holders) -> str:
    return next(t["title"] for t in person["titles"] if holders.get(t["title"]) == person["id"])


def title_holders(entries: list[dict], date: datetime.date) -> dict[str, str]:
    """Each title held by exactly one person of the directory on `date`: that person."""
    holders = {}
    for entry in entries:
        for title in entry.get("titles", []):
            start = datetime.date.fromisoformat(title["from"]) if title.get("from") else None
            end = datetime.date.fromisoformat(title["to"]) if title.get("to") else None
            if (start is None or start <= date) and (end is None or date <= end):
                holders[title["title"]] = None if title["title"] in holders else entry["id"]
    return {title: holder for title, holder in holders.items() if holder}
