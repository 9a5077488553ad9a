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
    ("Outcomes report", "Informe de resultados"),
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
    ("Clients", "Clientes"),
    ("Episodes of care", "Episodios de tratamiento"),
    ("Open at the end of the period", "Abiertos al final del período"),
    ("Ended in the period", "Cerrados en el período"),
    ("Ended: {reason}", "Cerrados: {reason}"),
    ("Planned or by mutual agreement", "Planificado o de mutuo acuerdo"),
    ("The client stopped coming", "El cliente dejó de venir"),
    ("Referred or moved on", "Derivado o se trasladó"),
    ("Other", "Otro"),
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
    ("My alliance", "Mi alianza"),
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
    ("Sessions", "Sesiones"),
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
    ("{first} and {last}", "{first} y {last}"),
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
];
