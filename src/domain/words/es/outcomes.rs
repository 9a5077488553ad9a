//! What the page reports: histories and charts, the caseload, "My
//! alliance", the outcomes report and a client's report.

/// `(English, Spanish)`.
pub const ENTRIES: &[(&str, &str)] = &[
    // ---- Months (short names, as charts and tables write them)
    ("Jan", "ene"),
    ("Feb", "feb"),
    ("Mar", "mar"),
    ("Apr", "abr"),
    ("May", "may"),
    ("Jun", "jun"),
    ("Jul", "jul"),
    ("Aug", "ago"),
    ("Sep", "sept"),
    ("Oct", "oct"),
    ("Nov", "nov"),
    ("Dec", "dic"),
    ("{month} {year}", "{month} {year}"),
    // ---- The outcomes report (screen)
    (
        "What the clients on this device gained, course of treatment by course of treatment, measured from each episode's own intake. Small numbers swing widely: read a figure with its n and its interval, and never rank therapists on it.",
        "Lo que ganaron los clientes de este dispositivo, episodio de tratamiento por episodio de tratamiento, medido desde la evaluación inicial de cada episodio. Con números pequeños las cifras varían mucho: lea cada cifra con su n y su intervalo, y nunca la use para clasificar a terapeutas.",
    ),
    ("Download the figures (CSV)", "Descargar las cifras (CSV)"),
    ("Download every episode (CSV)", "Descargar todos los episodios (CSV)"),
    ("Print or save as PDF", "Imprimir o guardar como PDF"),
    ("The file could not be saved: {error}", "No se pudo guardar el archivo: {error}"),
    ("All", "Todos"),
    ("Adult", "Adulto"),
    ("Adolescent", "Adolescente"),
    ("Child", "Niño"),
    (
        "{n} end record(s) close no episode (a second end of one episode, or one dated before any session); they are kept and shown in the per-episode CSV's clients.",
        "{n} registro(s) de cierre no cierran ningún episodio (un segundo cierre de un mismo episodio, o uno con fecha anterior a toda sesión); se conservan y aparecen con los clientes del CSV por episodio.",
    ),
    ("{n} episodes in this period.", "{n} episodios en este período."),
    ("Figures by age group", "Cifras por grupo de edad"),
    ("Figure", "Cifra"),
    ("What each figure means", "Qué significa cada cifra"),
    ("Not computed, and why", "Lo que no se calcula, y por qué"),
    // ---- The outcomes report (figures)
    ("Episodes of care", "Episodios de tratamiento"),
    ("Open at the end of the period", "Abiertos al final del período"),
    ("Ended in the period", "Cerrados en el período"),
    ("Ended: {reason}", "Cerrados: {reason}"),
    ("Collateral raters", "Participantes colaterales"),
    ("Average intake ORS", "ORS inicial promedio"),
    ("Average intake SRS", "SRS inicial promedio"),
    ("Average sessions per episode", "Promedio de sesiones por episodio"),
    ("Average length in days", "Duración promedio en días"),
    ("Pre–post effect size", "Tamaño del efecto pre–post"),
    ("Reliable improvement", "Mejoría confiable"),
    ("Clinically significant improvement", "Mejoría clínicamente significativa"),
    ("No reliable change", "Sin cambio confiable"),
    ("Reliable deterioration", "Deterioro confiable"),
    ("Dropout (the client stopped coming)", "Abandono (el cliente dejó de venir)"),
    ("Dropout after reliable improvement", "Abandono después de una mejoría confiable"),
    ("Dropout without reliable improvement", "Abandono sin mejoría confiable"),
    ("Dropout with too few ORS to tell", "Abandono con muy pocos ORS para saberlo"),
    ("SRS feedback elicited", "Retroalimentación obtenida en el SRS"),
    (
        "How many people (or cases) were in treatment in the period.",
        "Cuántas personas (o casos) estuvieron en tratamiento en el período.",
    ),
    (
        "How many courses of treatment ran in the period; a client who came back counts once per course.",
        "Cuántos episodios de tratamiento hubo en el período; un cliente que volvió cuenta una vez por episodio.",
    ),
    (
        "Courses still going on, or never closed: their outcome is not known yet.",
        "Episodios aún en curso, o nunca cerrados: su resultado todavía no se conoce.",
    ),
    (
        "Courses closed in the period: the ones whose outcome the report can read.",
        "Episodios cerrados en el período: aquellos cuyo resultado el informe puede leer.",
    ),
    (
        "Courses that ended as planned or by agreement.",
        "Episodios que terminaron según lo planificado o de común acuerdo.",
    ),
    (
        "Courses that ended because the client stopped coming.",
        "Episodios que terminaron porque el cliente dejó de venir.",
    ),
    (
        "Courses that ended with a referral or a move.",
        "Episodios que terminaron con una derivación o un traslado.",
    ),
    ("Courses that ended for another reason.", "Episodios que terminaron por otro motivo."),
    (
        "How many people (a parent, a teacher) rated on a client's behalf.",
        "Cuántas personas (un padre o una madre, un docente) valoraron en nombre de un cliente.",
    ),
    (
        "How distressed clients were when they started: lower means more distress.",
        "Cuánto malestar tenían los clientes al empezar: más bajo significa más malestar.",
    ),
    (
        "How clients rated the alliance at the start of a course.",
        "Cómo valoraron los clientes la alianza al inicio de un episodio.",
    ),
    (
        "How long a course of treatment lasts, in sessions.",
        "Cuánto dura un episodio de tratamiento, en sesiones.",
    ),
    (
        "How long a course of treatment lasts, in days.",
        "Cuánto dura un episodio de tratamiento, en días.",
    ),
    (
        "How far clients moved from intake to their last ORS, in units of how much intakes vary; 0.8 and above is conventionally large.",
        "Cuánto avanzaron los clientes desde la evaluación inicial hasta su último ORS, en unidades de cuánto varían las evaluaciones iniciales; por convención, 0,8 o más es grande.",
    ),
    (
        "Courses where the client improved by more than measurement error.",
        "Episodios en los que el cliente mejoró más allá del error de medición.",
    ),
    (
        "Courses where the client improved reliably and moved from the clinical into the non-clinical range.",
        "Episodios en los que el cliente mejoró de forma confiable y pasó del rango clínico al no clínico.",
    ),
    (
        "Courses where any change stayed within measurement error.",
        "Episodios en los que todo cambio quedó dentro del error de medición.",
    ),
    (
        "Courses where the client got reliably worse.",
        "Episodios en los que el cliente empeoró de forma confiable.",
    ),
    (
        "How often treatment ended without an agreed ending, the most common way therapy fails.",
        "Con qué frecuencia el tratamiento terminó sin un cierre acordado, la forma más común en que fracasa una terapia.",
    ),
    (
        "Clients who stopped coming once they had improved: not every dropout is a failure.",
        "Clientes que dejaron de venir cuando ya habían mejorado: no todo abandono es un fracaso.",
    ),
    (
        "Clients who stopped coming without having improved: the endings most worth learning from.",
        "Clientes que dejaron de venir sin haber mejorado: los cierres de los que más vale la pena aprender.",
    ),
    (
        "Clients who stopped coming before a change could be measured.",
        "Clientes que dejaron de venir antes de que se pudiera medir un cambio.",
    ),
    (
        "How often clients said something could work better; therapists who draw this out tend to do best.",
        "Con qué frecuencia los clientes dijeron que algo podría funcionar mejor; los terapeutas que lo propician suelen obtener los mejores resultados.",
    ),
    (
        "Only what this device holds: sessions never entered are not counted.",
        "Solo lo que guarda este dispositivo: las sesiones nunca registradas no se cuentan.",
    ),
    (
        "An episode nobody ended stays open, so a high count may be unrecorded endings rather than long treatments.",
        "Un episodio que nadie cerró sigue abierto, así que una cifra alta puede deberse a cierres no registrados más que a tratamientos largos.",
    ),
    (
        "Only as good as the endings the therapist records; unrecorded dropouts stay open.",
        "Vale lo que valen los cierres que registra el terapeuta; los abandonos no registrados siguen abiertos.",
    ),
    (
        "Counts those who rated; a rater named in a case who never rated is not counted.",
        "Cuenta a quienes valoraron; un participante nombrado en un caso que nunca valoró no se cuenta.",
    ),
    (
        "Read against the client's current age group; a mix of age groups shifts the average, so read it by age group.",
        "Se lee según el grupo de edad actual del cliente; una mezcla de grupos de edad desplaza el promedio, así que léalo por grupo de edad.",
    ),
    (
        "A first SRS is often high out of politeness; it says little on its own.",
        "Un primer SRS suele ser alto por cortesía; por sí solo dice poco.",
    ),
    (
        "Ended courses only, since open ones are not finished; a few long courses pull the average up.",
        "Solo episodios cerrados, porque los abiertos no han terminado; unos pocos episodios largos elevan el promedio.",
    ),
    (
        "Uncorrected for small samples and for regression to the mean, not adjusted for severity, and not comparable to a normative benchmark: read it with its interval, never to rank therapists.",
        "Sin corrección por muestras pequeñas ni por regresión a la media, sin ajuste por gravedad y no comparable con una referencia normativa: léalo con su intervalo, nunca para clasificar a terapeutas.",
    ),
    (
        "Uses the last ORS of the course, not the best or a follow-up; 5 points is the published reliable change for the ORS total.",
        "Usa el último ORS del episodio, no el mejor ni uno de seguimiento; 5 puntos es el cambio confiable publicado para el total del ORS.",
    ),
    (
        "Only clients who started below the cutoff can reach it; the adolescent cutoff (28) has no primary source found.",
        "Solo pueden alcanzarlo los clientes que empezaron por debajo del punto de corte clínico; para el punto de corte de adolescentes (28) no se encontró una fuente primaria.",
    ),
    (
        "Depends on the therapist choosing \"stopped coming\" when that is what happened.",
        "Depende de que el terapeuta elija \"dejó de venir\" cuando eso es lo que ocurrió.",
    ),
    (
        "Counts the client's own SRS only; in couples and groups the other raters' feedback is read in the review.",
        "Cuenta solo el SRS del propio cliente; en parejas y grupos, la retroalimentación de los demás participantes se lee en la revisión.",
    ),
    (
        "Relative effect size (against a normative sample)",
        "Tamaño del efecto relativo (frente a una muestra normativa)",
    ),
    (
        "It compares a practice with the developer's normative database, which is proprietary; Attune has no access to it and will not imitate it.",
        "Compara una práctica con la base de datos normativa del desarrollador, que es privada; Attune no tiene acceso a ella y no la imitará.",
    ),
    ("Severity-adjusted effect size", "Tamaño del efecto ajustado por gravedad"),
    (
        "The adjustment's coefficients are part of the same licensed benchmarking and are not published, so any adjustment Attune made up would look authoritative without being so.",
        "Los coeficientes del ajuste forman parte de la misma comparación bajo licencia y no están publicados, así que cualquier ajuste que Attune inventara parecería fiable sin serlo.",
    ),
    (
        "Percentage reaching target (expected treatment response)",
        "Porcentaje que alcanza la meta (respuesta esperada al tratamiento)",
    ),
    (
        "The targets are the licensed PCOMS trajectories with no public coefficients; Attune shows a practice's own \"clients here who started like this\" in the client's review instead.",
        "Las metas son las trayectorias de PCOMS bajo licencia, sin coeficientes públicos; en su lugar, Attune muestra en la revisión del cliente los \"clientes de aquí que empezaron así\" de la propia práctica.",
    ),
    ("{part} of {whole} ({percent}%)", "{part} de {whole} ({percent} %)"),
    ("{d}, 95 % CI {low} to {high}", "{d}, IC del 95 % de {low} a {high}"),
    (
        "Too few to tell: {n} of the {need} episodes needed",
        "Muy pocos para saberlo: {n} de los {need} episodios necesarios",
    ),
    (
        "Too few to tell: {n} of the {need} sessions needed",
        "Muy pocas para saberlo: {n} de las {need} sesiones necesarias",
    ),
    ("None among {n} episodes", "Ninguno entre {n} episodios"),
    ("None among {n} sessions", "Ninguna entre {n} sesiones"),
    (
        "Not defined: all {n} intakes are the same, so there is no spread to divide by",
        "No definido: las {n} evaluaciones iniciales son iguales, así que no hay dispersión por la cual dividir",
    ),
    ("{value} (n = {n})", "{value} (n = {n})"),
    // ---- My alliance
    (
        "Your pattern across all your clients, not one session: what helps you form strong alliances with more people. Feedback below the cutoff is good news to have heard.",
        "Su patrón con todos sus clientes, no una sola sesión: lo que le ayuda a formar alianzas sólidas con más personas. La retroalimentación por debajo del punto de corte es una buena noticia haberla escuchado.",
    ),
    ("Period", "Período"),
    ("Last {n} months", "Últimos {n} meses"),
    ("{n} rated sessions in this period.", "{n} sesiones valoradas en este período."),
    ("Median total and sessions per month", "Total mediano y sesiones por mes"),
    ("Month", "Mes"),
    ("Median total", "Total mediano"),
    ("No sessions", "Sin sesiones"),
    (
        "Too early: {sessions} of the {needed} sessions needed so far",
        "Aún es pronto: {sessions} de las {needed} sesiones necesarias hasta ahora",
    ),
    ("{part} of {whole} sessions ({percent}%)", "{part} de {whole} sesiones ({percent} %)"),
    (
        "{part} of {whole} clients with 3 or more sessions ({percent}%)",
        "{part} de {whole} clientes con 3 o más sesiones ({percent} %)",
    ),
    ("{total} ({n} session)", "{total} ({n} sesión)"),
    ("{total} ({n} sessions)", "{total} ({n} sesiones)"),
    ("Median total at first sessions", "Total mediano en primeras sesiones"),
    ("Median total at second sessions", "Total mediano en segundas sesiones"),
    (
        "Median total at third and later sessions",
        "Total mediano en terceras sesiones y posteriores",
    ),
    (
        "How clients found meeting you; seed 003 likens every meeting to a first date, so try asking at the end of a first session what would make the next one fit them better.",
        "Cómo vivieron los clientes el encuentro con usted; la semilla 003 compara cada encuentro con una primera cita, así que pruebe a preguntar al final de una primera sesión qué haría que la siguiente se ajuste mejor a ellos.",
    ),
    (
        "Whether first feedback was taken up; try opening second sessions by naming one thing you changed after the first.",
        "Si se tomó en cuenta la primera retroalimentación; pruebe a abrir las segundas sesiones nombrando algo que usted cambió después de la primera.",
    ),
    (
        "The alliance as the work settles in; if it sits near the top every time, try asking which part of the work a client would change, since high marks can be politeness.",
        "La alianza a medida que el trabajo se asienta; si queda cerca del máximo cada vez, pruebe a preguntar qué parte del trabajo cambiaría el cliente, ya que las marcas altas pueden ser cortesía.",
    ),
    ("No such sessions in this period", "No hay sesiones de este tipo en este período"),
    ("Feedback elicited", "Retroalimentación obtenida"),
    ("No sessions in this period", "No hay sesiones en este período"),
    (
        "No client marked below the cutoff or an item below 9 in this period, which can be politeness; try saying out loud that a lower mark helps you more than a high one.",
        "Ningún cliente marcó por debajo del punto de corte ni un ítem por debajo de 9 en este período, lo que puede ser cortesía; pruebe a decir en voz alta que una marca más baja le ayuda más que una alta.",
    ),
    (
        "Each of these is a client trusting you with something that could work better, and therapists who draw out such feedback tend to have the best outcomes; keep thanking clients for it and asking for one concrete example.",
        "Cada una es un cliente que le confía algo que podría funcionar mejor, y los terapeutas que propician esa retroalimentación suelen obtener los mejores resultados; siga agradeciéndola y pidiendo un ejemplo concreto.",
    ),
    (
        "Clients always at the top of every line",
        "Clientes siempre en el máximo de cada línea",
    ),
    (
        "No client had 3 or more sessions in this period",
        "Ningún cliente tuvo 3 o más sesiones en este período",
    ),
    (
        "Every client with 3 or more sessions marked something below the top at least once, a sign they feel free to say what fits less well.",
        "Cada cliente con 3 o más sesiones marcó algo por debajo del máximo al menos una vez, señal de que se siente libre de decir lo que encaja menos.",
    ),
    (
        "Top marks every time may be politeness rather than a perfect fit; try naming it gently and asking what would make sessions even a little more useful.",
        "Las marcas máximas cada vez pueden ser cortesía más que un ajuste perfecto; pruebe a nombrarlo con tacto y a preguntar qué haría las sesiones un poco más útiles.",
    ),
    ("Dimension most often lowest", "Dimensión más a menudo la más baja"),
    (
        "No session had one item lower than the others",
        "Ninguna sesión tuvo un ítem más bajo que los demás",
    ),
    (
        "{names} was lowest in {times} of {sessions} sessions (ties shared)",
        "{names} fue el más bajo en {times} de {sessions} sesiones (empates repartidos)",
    ),
    (
        "{names} were each lowest in {times} of {sessions} sessions (ties shared)",
        "{names} fueron cada uno el más bajo en {times} de {sessions} sesiones (empates repartidos)",
    ),
    (
        "Where clients most often had something to say is how they felt heard and respected; try asking what would help them feel more understood, and name cultural differences openly.",
        "Donde los clientes más a menudo tuvieron algo que decir es en cómo se sintieron escuchados y respetados; pruebe a preguntar qué les ayudaría a sentirse más comprendidos, y nombre abiertamente las diferencias culturales.",
    ),
    (
        "Where clients most often had something to say is what the time was spent on; try starting sessions by asking what matters most to them today, and revisit goals together.",
        "Donde los clientes más a menudo tuvieron algo que decir es en qué se usó el tiempo; pruebe a empezar las sesiones preguntando qué es lo que más les importa hoy, y revisen juntos las metas.",
    ),
    (
        "Where clients most often had something to say is the way of working; try offering options for pace, focus and depth, and check that the method still fits.",
        "Donde los clientes más a menudo tuvieron algo que decir es en la forma de trabajar; pruebe a ofrecer opciones de ritmo, enfoque y profundidad, y compruebe que el método sigue encajando.",
    ),
    (
        "Where clients most often had something to say is worth a closer look; try asking about that dimension by name at the end of a session.",
        "Vale la pena mirar de cerca dónde los clientes más a menudo tuvieron algo que decir; pruebe a preguntar por esa dimensión por su nombre al final de una sesión.",
    ),
    ("Month by month", "Mes a mes"),
    (
        "Median total and sessions for {months} months ({with} with sessions)",
        "Total mediano y sesiones de {months} meses ({with} con sesiones)",
    ),
    (
        "A pattern across months says more than any one session; if a month dips, look at which clients and items sit under it, and ask them, before drawing conclusions.",
        "Un patrón a lo largo de los meses dice más que cualquier sesión aislada; si un mes baja, mire qué clientes e ítems hay detrás y pregúnteles antes de sacar conclusiones.",
    ),
    ("Sessions rated", "Sesiones valoradas"),
    ("No sessions logged in this period", "No hay sesiones registradas en este período"),
    (
        "Every session logged was rated, so no client's view of a session went unheard.",
        "Cada sesión registrada fue valorada, así que la opinión de ningún cliente sobre una sesión quedó sin escuchar.",
    ),
    (
        "A session without a rating is where a problem can go unheard; try a closing ritual five minutes before the end that always includes the SRS.",
        "Una sesión sin valoración es donde un problema puede pasar inadvertido; pruebe un ritual de cierre cinco minutos antes del final que siempre incluya el SRS.",
    ),
    // ---- Caseload: flags and rows
    ("All therapists", "Todos los terapeutas"),
    ("Sudden drop", "Descenso brusco"),
    ("Below cutoff", "Por debajo del punto de corte"),
    ("Same item low 3 sessions running", "Mismo ítem bajo 3 sesiones seguidas"),
    ("Drop", "Descenso"),
    ("Not seen for 3 weeks or more", "Sin verlo 3 semanas o más"),
    ("No session rated yet", "Aún no hay sesiones valoradas"),
    ("Item below 9", "Ítem por debajo de 9"),
    (
        "Not seen for {days} days: a check-in may keep a quiet dropout from happening",
        "Sin verlo desde hace {days} días: un contacto puede evitar un abandono silencioso",
    ),
    ("No session rated yet (added today)", "Aún no hay sesiones valoradas (agregado hoy)"),
    (
        "No session rated yet (added 1 day ago)",
        "Aún no hay sesiones valoradas (agregado hace 1 día)",
    ),
    (
        "No session rated yet (added {days} days ago)",
        "Aún no hay sesiones valoradas (agregado hace {days} días)",
    ),
    ("the last today", "la última hoy"),
    ("the last 1 day ago", "la última hace 1 día"),
    ("the last {days} days ago", "la última hace {days} días"),
    ("No SRS rated yet ({count}, {when})", "Aún no hay SRS valorado ({count}, {when})"),
    ("Nothing flagged at the last session", "Nada señalado en la última sesión"),
    ("{reason}; also: {others}", "{reason}; además: {others}"),
    ("{sessions} in episode {episode}", "{sessions} en el episodio {episode}"),
    ("No rating yet", "Aún sin valoración"),
    // ---- A client's history: alerts, chart, summary
    ("Below cutoff (total {total})", "Por debajo del punto de corte (total {total})"),
    ("Item below {below}: {names}", "Ítem por debajo de {below}: {names}"),
    ("Items below {below}: {names}", "Ítems por debajo de {below}: {names}"),
    (
        "{item} lowest and below {below} for {run} sessions running",
        "{item} el más bajo y por debajo de {below} durante {run} sesiones seguidas",
    ),
    (
        "Consistently high: every item {high} or more for {run} sessions",
        "Alto de forma constante: todos los ítems en {high} o más durante {run} sesiones",
    ),
    ("{names} down {fall}", "{names} bajó {fall}"),
    (
        "Sudden drop since last session ({item})",
        "Descenso brusco desde la última sesión ({item})",
    ),
    ("Drop since last session ({item})", "Descenso desde la última sesión ({item})"),
    (
        "Sudden drop of {fall} since last session ({item})",
        "Descenso brusco de {fall} desde la última sesión ({item})",
    ),
    (
        "Sudden drop of {fall} since last session",
        "Descenso brusco de {fall} desde la última sesión",
    ),
    ("Drop of {fall} since last session", "Descenso de {fall} desde la última sesión"),
    ("No sessions recorded yet.", "Aún no hay sesiones registradas."),
    ("1 session on {day}; total {total}", "1 sesión el {day}; total {total}"),
    ("total stayed at {total}", "el total se mantuvo en {total}"),
    ("total went from {first} to {last}", "el total pasó de {first} a {last}"),
    (
        "{n} sessions from {first} to {last}; {change}",
        "{n} sesiones del {first} al {last}; {change}",
    ),
    ("no drops", "sin descensos"),
    ("{n} drop", "{n} descenso"),
    ("{n} drops", "{n} descensos"),
    ("{n} drop ({sudden} sudden)", "{n} descenso (bruscos: {sudden})"),
    ("{n} drops ({sudden} sudden)", "{n} descensos (bruscos: {sudden})"),
    ("none below cutoff", "ninguna por debajo del punto de corte"),
    ("{n} below cutoff", "{n} por debajo del punto de corte"),
    ("Total {total}/{max}", "Total {total}/{max}"),
    ("No alerts", "Sin alertas"),
    ("Item score, 0 to 10", "Puntuación del ítem, de 0 a 10"),
    (
        "{below}: an item below this is worth a question",
        "{below}: vale la pena preguntar por un ítem por debajo de esta marca",
    ),
    ("Item below {below}", "Ítem por debajo de {below}"),
    ("Total, session by session", "Total, sesión por sesión"),
    ("A session", "Una sesión"),
    (
        "Cutoff, {cutoff}: below it is worth talking about",
        "Punto de corte, {cutoff}: por debajo, vale la pena conversarlo",
    ),
    ("Session below the cutoff", "Sesión por debajo del punto de corte"),
    ("Drop since the session before", "Descenso desde la sesión anterior"),
    ("Sudden drop since the session before", "Descenso brusco desde la sesión anterior"),
    ("cutoff {cutoff}", "punto de corte {cutoff}"),
    ("Session totals over time", "Totales de las sesiones a lo largo del tiempo"),
    (
        "Focus or point at a session to read its date, total and flags.",
        "Enfoque o señale una sesión para leer su fecha, su total y sus alertas.",
    ),
    ("Chart legend", "Leyenda del gráfico"),
    ("Item panel legend", "Leyenda de los paneles de ítems"),
    ("Alerts", "Alertas"),
    // ---- A client's page
    ("Client not found", "Cliente no encontrado"),
    ("This client is not on this device.", "Este cliente no está en este dispositivo."),
    ("All clients", "Todos los clientes"),
    (
        "Sessions, newest first (open one to see or edit its note)",
        "Sesiones, de la más reciente a la más antigua (abra una para ver o editar su nota)",
    ),
    ("Client ", "Cliente "),
    ("Rate a session", "Valorar una sesión"),
    ("Report to print", "Informe para imprimir"),
    (" Show each item", " Mostrar cada ítem"),
    ("Session without a rating", "Sesión sin valoración"),
    ("When the session took place", "Cuándo tuvo lugar la sesión"),
    ("Why (optional)", "Por qué (opcional)"),
    ("Log the session", "Registrar la sesión"),
    ("Sessions without a rating", "Sesiones sin valoración"),
    (
        "Logged: a session without a rating on {when}.",
        "Registrada: una sesión sin valoración el {when}.",
    ),
    // ---- The ORS: status, chart and table
    ("Intake", "Evaluación inicial"),
    (
        "This first score is the starting point later sessions are compared with.",
        "Esta primera puntuación es el punto de partida con el que se comparan las sesiones siguientes.",
    ),
    (
        "The change since intake is less than 5.0 either way, so it may be ordinary ups and downs.",
        "El cambio desde la evaluación inicial es menor de 5,0 en uno u otro sentido, así que pueden ser altibajos normales.",
    ),
    (
        "The score has risen by 5.0 or more since intake: more than ordinary ups and downs.",
        "La puntuación subió 5,0 o más desde la evaluación inicial: más que altibajos normales.",
    ),
    (
        "The score has risen by 5.0 or more and moved from below the cutoff to above it: the client now scores in the range of people who are not in treatment.",
        "La puntuación subió 5,0 o más y pasó de estar por debajo del punto de corte a estar por encima: el cliente ahora puntúa en el rango de las personas que no están en tratamiento.",
    ),
    (
        "The score has fallen by 5.0 or more since intake: more than ordinary ups and downs, and worth talking about today.",
        "La puntuación bajó 5,0 o más desde la evaluación inicial: más que altibajos normales, y vale la pena conversarlo hoy.",
    ),
    ("unchanged", "sin cambios"),
    ("up {amount}", "subió {amount}"),
    ("down {amount}", "bajó {amount}"),
    (
        "{total} / 40, below the adult cutoff of {cutoff}.",
        "{total} / 40, por debajo del punto de corte para adultos de {cutoff}.",
    ),
    (
        "{total} / 40, at or above the adult cutoff of {cutoff}.",
        "{total} / 40, en o por encima del punto de corte para adultos de {cutoff}.",
    ),
    (
        "{total} / 40, below the adolescent cutoff of {cutoff}.",
        "{total} / 40, por debajo del punto de corte para adolescentes de {cutoff}.",
    ),
    (
        "{total} / 40, at or above the adolescent cutoff of {cutoff}.",
        "{total} / 40, en o por encima del punto de corte para adolescentes de {cutoff}.",
    ),
    (
        "{total} / 40, below the child cutoff of {cutoff}.",
        "{total} / 40, por debajo del punto de corte infantil de {cutoff}.",
    ),
    (
        "{total} / 40, at or above the child cutoff of {cutoff}.",
        "{total} / 40, en o por encima del punto de corte infantil de {cutoff}.",
    ),
    (
        "First ORS of episode {episode} (intake).",
        "Primer ORS del episodio {episode} (evaluación inicial).",
    ),
    (
        "First ORS with this client (intake).",
        "Primer ORS con este cliente (evaluación inicial).",
    ),
    ("{change} since intake ({intake}).", "{change} desde la evaluación inicial ({intake})."),
    ("{change} since last session.", "{change} desde la última sesión."),
    (
        "No reliable change by session {by} (this is session {session}): a good moment to review the plan together.",
        "Sin cambio confiable a la sesión {by} (esta es la sesión {session}): un buen momento para revisar el plan juntos.",
    ),
    ("adult cutoff", "punto de corte para adultos"),
    ("adolescent cutoff", "punto de corte para adolescentes"),
    ("child cutoff", "punto de corte infantil"),
    (
        "{date}: {total}, below the {cutoff_name} of {cutoff}.",
        "{date}: {total}, por debajo del {cutoff_name} de {cutoff}.",
    ),
    (
        "{date}: {total}, at or above the {cutoff_name} of {cutoff}.",
        "{date}: {total}, en o por encima del {cutoff_name} de {cutoff}.",
    ),
    (
        "Intake: the first ORS, the starting point later sessions are compared with.",
        "Evaluación inicial: el primer ORS, el punto de partida con el que se comparan las sesiones siguientes.",
    ),
    (
        "Session {session}: {category}, {change} since intake ({intake}).",
        "Sesión {session}: {category}, {change} desde la evaluación inicial ({intake}).",
    ),
    (
        "Clients here who started like this: median {median} at session {session}.",
        "Clientes de aquí que empezaron así: mediana {median} en la sesión {session}.",
    ),
    (
        "Within {change} of intake ({low} to {high}): a change this small may be ordinary ups and downs",
        "A {change} o menos de la evaluación inicial ({low} a {high}): un cambio tan pequeño pueden ser altibajos normales",
    ),
    ("Intake, the first ORS: {intake}", "Evaluación inicial, el primer ORS: {intake}"),
    (
        "The {cutoff_name}, {cutoff}: below it is the range of people in treatment",
        "El {cutoff_name}, {cutoff}: por debajo está el rango de las personas en tratamiento",
    ),
    ("ORS total, session by session", "Total del ORS, sesión por sesión"),
    ("A session's ORS", "El ORS de una sesión"),
    (
        "Up {change} or more since intake: reliable improvement",
        "Subió {change} o más desde la evaluación inicial: mejoría confiable",
    ),
    (
        "Up {change} or more and from below the cutoff to at or above it: clinically significant improvement",
        "Subió {change} o más y pasó de por debajo del punto de corte a en o por encima de él: mejoría clínicamente significativa",
    ),
    (
        "Down {change} or more since intake: reliable deterioration",
        "Bajó {change} o más desde la evaluación inicial: deterioro confiable",
    ),
    (
        "{n} session with reliable improvement",
        "{n} sesión con mejoría confiable",
    ),
    (
        "{n} sessions with reliable improvement",
        "{n} sesiones con mejoría confiable",
    ),
    (
        "{n} session with clinically significant improvement",
        "{n} sesión con mejoría clínicamente significativa",
    ),
    (
        "{n} sessions with clinically significant improvement",
        "{n} sesiones con mejoría clínicamente significativa",
    ),
    (
        "{n} session with reliable deterioration",
        "{n} sesión con deterioro confiable",
    ),
    (
        "{n} sessions with reliable deterioration",
        "{n} sesiones con deterioro confiable",
    ),
    ("No ORS recorded yet.", "Aún no hay ORS registrados."),
    (
        "ORS over time: 1 session, on {first}, the intake: {total}.",
        "ORS a lo largo del tiempo: 1 sesión, el {first}, la evaluación inicial: {total}.",
    ),
    (
        "ORS over time: {n} sessions from {first} to {last}. Intake {intake}; latest {latest}, {change} since intake: {category}.",
        "ORS a lo largo del tiempo: {n} sesiones del {first} al {last}. Evaluación inicial {intake}; la más reciente {latest}, {change} desde la evaluación inicial: {category}.",
    ),
    (
        "The {cutoff_name} is {cutoff}; the latest score is below it.",
        "El {cutoff_name} es {cutoff}; la puntuación más reciente está por debajo.",
    ),
    (
        "The {cutoff_name} is {cutoff}; the latest score is at or above it.",
        "El {cutoff_name} es {cutoff}; la puntuación más reciente está en ese valor o por encima.",
    ),
    (
        "Within {change} of intake ({low} to {high}) a change may be ordinary ups and downs.",
        "A {change} o menos de la evaluación inicial ({low} a {high}), un cambio pueden ser altibajos normales.",
    ),
    (
        "No session has changed reliably since intake.",
        "Ninguna sesión cambió de forma confiable desde la evaluación inicial.",
    ),
    ("session 1", "la sesión 1"),
    ("sessions 1 to {k}", "las sesiones 1 a {k}"),
    (
        ", past this client's latest session ({n})",
        ", más allá de la última sesión de este cliente ({n})",
    ),
    (
        "Clients here who started like this (median of {matched} other clients' courses of treatment in this practice whose first score was within {window}) are shown for {shown}{past}.",
        "Los clientes de aquí que empezaron así (mediana de los episodios de tratamiento de otros {matched} clientes de esta práctica cuya primera puntuación estuvo a {window} o menos) se muestran para {shown}{past}.",
    ),
    (
        "What clients here who started like this did is not shown: fewer than {min} other clients' courses of treatment in this practice started within {window}.",
        "No se muestra lo que hicieron los clientes de aquí que empezaron así: menos de {min} episodios de tratamiento de otros clientes de esta práctica empezaron a {window} o menos.",
    ),
    ("intake {intake}", "ingreso {intake}"),
    (
        "Outcome (ORS) totals over time",
        "Totales de resultado (ORS) a lo largo del tiempo",
    ),
    (
        "Focus or point at a session to read its ORS, its change since intake and the cutoff.",
        "Enfoque o señale una sesión para leer su ORS, su cambio desde la evaluación inicial y el punto de corte.",
    ),
    ("ORS chart legend", "Leyenda del gráfico del ORS"),
    ("Seen by", "Atendido por"),
    ("Language", "Idioma"),
    ("SRS total", "Total del SRS"),
    ("Outcome", "Resultado"),
    ("ORS {total}: open its review", "ORS {total}: abrir su revisión"),
    ("none", "ninguno"),
    ("Show all {total} sessions", "Mostrar las {total} sesiones"),
    (
        "{category}, {change} since intake ({intake})",
        "{category}, {change} desde la evaluación inicial ({intake})",
    ),
    (
        "{base}; none by session {by}: worth reviewing the plan",
        "{base}; ninguno a la sesión {by}: vale la pena revisar el plan",
    ),
    (
        "{base}: the {shown} most recent of {total}",
        "{base}: las {shown} más recientes de {total}",
    ),
    // ---- A client's report
    ("SRS report: client {client}", "Informe del SRS: cliente {client}"),
    ("Printed {date}", "Impreso el {date}"),
    ("Progress notes, earliest first", "Notas de evolución, de la más antigua a la más reciente"),
    ("Sessions, newest first", "Sesiones, de la más reciente a la más antigua"),
    ("Back to the client", "Volver al cliente"),
    // ---- A case's chart (couples, families, groups). A cutoff named
    // after "below" takes its Spanish preposition with it ("del punto de
    // corte…"), so "below {cutoff}" reads "por debajo {cutoff}".
    ("the adult cutoff of {cutoff}", "del punto de corte para adultos de {cutoff}"),
    (
        "the adolescent cutoff of {cutoff}",
        "del punto de corte para adolescentes de {cutoff}",
    ),
    ("the child cutoff of {cutoff}", "del punto de corte infantil de {cutoff}"),
    ("their own cutoff", "de su propio punto de corte"),
    ("nobody below {cutoff}", "nadie por debajo {cutoff}"),
    ("below {cutoff}: {names}", "por debajo {cutoff}: {names}"),
    (
        "{who}, {when}: {measure} {total}/{max}, below {cutoff}.",
        "{who}, {when}: {measure} {total}/{max}, por debajo {cutoff}.",
    ),
    (
        "{who}, {when}: {measure} {total}/{max}, at or above {cutoff}.",
        "{who}, {when}: {measure} {total}/{max}, en o por encima {cutoff}.",
    ),
    (
        "median {median}/{max}, lowest {low}, highest {high}",
        "mediana {median}/{max}, mínimo {low}, máximo {high}",
    ),
    (
        "{when}: {measure} of {n} person, {figures}; {below}.",
        "{when}: {measure} de {n} persona, {figures}; {below}.",
    ),
    (
        "{when}: {measure} of {n} people, {figures}; {below}.",
        "{when}: {measure} de {n} personas, {figures}; {below}.",
    ),
    (
        "{measure} totals: median and range over time",
        "Totales del {measure}: mediana y rango a lo largo del tiempo",
    ),
    (
        "{measure} totals of each person over time",
        "Totales del {measure} de cada persona a lo largo del tiempo",
    ),
    ("Median of those who rated", "Mediana de quienes valoraron"),
    ("Lowest to highest total", "Del total más bajo al más alto"),
    ("Hollow mark: below the cutoff", "Marca hueca: por debajo del punto de corte"),
    (
        "Hollow mark: below that person's own cutoff",
        "Marca hueca: por debajo del propio punto de corte de esa persona",
    ),
    ("Adult cutoff, {cutoff}", "Punto de corte para adultos, {cutoff}"),
    ("1 session, on {first}", "1 sesión, el {first}"),
    ("{n} sessions, from {first} to {last}", "{n} sesiones, del {first} al {last}"),
    ("{who} {total} (1 session)", "{who} {total} (1 sesión)"),
    (
        "{who} from {first} to {last} ({k} sessions)",
        "{who} de {first} a {last} ({k} sesiones)",
    ),
    (
        "{measure} totals of {n} person, one line each, over {when}: {each}.",
        "Totales del {measure} de {n} persona, una línea cada una, en {when}: {each}.",
    ),
    (
        "{measure} totals of {n} people, one line each, over {when}: {each}.",
        "Totales del {measure} de {n} personas, una línea cada una, en {when}: {each}.",
    ),
    (
        "{measure} totals over {when}: for each session the median of those who rated, inside a band from the lowest to the highest total.",
        "Totales del {measure} en {when}: para cada sesión, la mediana de quienes valoraron, dentro de una banda que va del total más bajo al más alto.",
    ),
    (
        " The median went from {first} to {last}.",
        " La mediana pasó de {first} a {last}.",
    ),
    (
        " Latest session: {n} rated, lowest {low}, median {median}, highest {high}.",
        " Última sesión: valoraron {n}, mínimo {low}, mediana {median}, máximo {high}.",
    ),
    (
        " {n} people rated, more than the {max} lines a chart can keep apart.",
        " Valoraron {n} personas, más que las {max} líneas que un gráfico puede mantener separadas.",
    ),
    (
        " The table below has each person's totals.",
        " La tabla de abajo tiene los totales de cada persona.",
    ),
    (
        " The dashed line is the cutoff, {cutoff}.",
        " La línea discontinua es el punto de corte, {cutoff}.",
    ),
    (
        " The dashed line is the adult cutoff, {cutoff}.",
        " La línea discontinua es el punto de corte para adultos, {cutoff}.",
    ),
    (
        " No cutoff line is drawn: the ORS cutoff depends on each person's age group ({cutoffs}), so each session's text says who is below their own.",
        " No se dibuja una línea de punto de corte: el punto de corte del ORS depende del grupo de edad de cada persona ({cutoffs}), así que el texto de cada sesión dice quién está por debajo del suyo.",
    ),
];
