//! The clinical sentences the page offers the therapist: discussion
//! prompts after a rating, the outcome's prompts, divergence between the
//! people in the room, and the progress note. Translated as a clinician
//! would say them, never as the official measures' wording.
//!
//! The therapist is addressed as "usted"; what the therapist might say to
//! the client ("Podría decir: …") addresses the client as "usted" too, and
//! "ustedes" to a couple or family. Item names come from the scale (its own
//! wording, or a clinic's pack), so the sentences around them avoid making
//! an adjective agree with a name: "la línea de {item}".

/// `(English, Spanish)`.
pub const ENTRIES: &[(&str, &str)] = &[
    // The panel (ui/therapist/prompt_view.rs).
    ("Say: ", "Diga: "),
    ("Listen for: ", "Escuche: "),
    ("The three steps in full", "Los tres pasos completos"),
    // Lists of items (course/prompt/words.rs).
    ("{rest} and {last}", "{rest} y {last}"),
    // The SRS prompt, per item (course/prompt/words.rs).
    (
        "A lower mark is useful news, not a verdict: clients who say what is not working are about twice as likely to end up doing well.",
        "Una marca más baja es información útil, no un veredicto: los clientes que dicen lo que no les está funcionando tienen alrededor del doble de probabilidades de lograr un buen resultado.",
    ),
    (
        "Was there a moment today when you felt less listened to or less respected?",
        "¿Hubo algún momento hoy en que sintió que le faltó escucha o respeto de mi parte?",
    ),
    (
        "Listen for tone, a remark that felt like judgement, or a pace that left no room.",
        "Preste atención al tono, a algún comentario que se haya sentido como un juicio o a un ritmo que no dejó espacio.",
    ),
    (
        "check in during the session (\"Am I getting this right?\")",
        "preguntar durante la sesión (\"¿Lo estoy entendiendo bien?\")",
    ),
    (
        "slow down and sum up what you heard before moving on",
        "ir más despacio y resumir lo escuchado antes de seguir",
    ),
    (
        "a run of low marks here can mean a rupture in the working relationship or a cultural mismatch. Name it openly and work on repair.",
        "una serie de marcas bajas aquí puede indicar una ruptura en la relación de trabajo o un desencuentro cultural. Nómbrelo abiertamente y trabaje en la reparación.",
    ),
    (
        "take the pattern to supervision or consultation",
        "llevar este patrón a supervisión o a consulta con colegas",
    ),
    (
        "if repair does not move it, talk together about whether a referral to a colleague would serve them better",
        "si la reparación no produce cambios, conversar en conjunto sobre si una derivación a otro profesional le serviría mejor",
    ),
    (
        "Was there something you wanted to talk about that we didn't get to?",
        "¿Hubo algo de lo que quería hablar y que no alcanzamos a tocar?",
    ),
    (
        "Listen for drift: time spent on your plan rather than on what they came for.",
        "Preste atención a si la sesión se desvió: tiempo dedicado a lo que usted tenía planeado y no a lo que el cliente vino a trabajar.",
    ),
    (
        "open the session by setting the agenda together",
        "comenzar la sesión acordando en conjunto los temas a tratar",
    ),
    (
        "check halfway through that you are still on what matters most to them",
        "verificar a mitad de la sesión que siguen trabajando en lo que más le importa al cliente",
    ),
    (
        "revisit the treatment goals together, and who sets the agenda in each session.",
        "revise con el cliente los objetivos del tratamiento, y quién define los temas de cada sesión.",
    ),
    (
        "review and rewrite the treatment goals with them",
        "revisar y reformular con el cliente los objetivos del tratamiento",
    ),
    (
        "let them choose the first agenda item every session",
        "dejar que el cliente elija el primer tema de cada sesión",
    ),
    (
        "Was there a part of how we worked today that didn't suit you?",
        "¿Hubo algo de cómo trabajamos hoy que no le funcionó?",
    ),
    (
        "Listen for fit: too much or too little structure, talk, homework or speed.",
        "Preste atención al ajuste: demasiada o muy poca estructura, conversación, tareas o rapidez.",
    ),
    (
        "change one thing about the format, such as more or less structure",
        "cambiar un aspecto del formato, por ejemplo más o menos estructura",
    ),
    (
        "explain the reason for an exercise before starting it, and ask whether they want to try it",
        "explicar el propósito de un ejercicio antes de empezarlo y preguntar si el cliente quiere intentarlo",
    ),
    (
        "revisit whether this way of working fits them, and renew informed consent by explaining the options, other approaches included.",
        "revise si esta forma de trabajar se ajusta al cliente y renueve el consentimiento informado explicando las opciones, incluidos otros enfoques.",
    ),
    (
        "go through the alternatives and let them choose",
        "repasar las alternativas y dejar que el cliente elija",
    ),
    (
        "agree a trial period for the chosen approach and review it together",
        "acordar un período de prueba para el enfoque elegido y evaluarlo en conjunto",
    ),
    (
        "What would have made today more worth your time?",
        "¿Qué habría hecho que la sesión de hoy valiera más la pena para usted?",
    ),
    (
        "This item can dip even when the relationship is fine: listen for a session that felt unproductive, too stirring or too shallow.",
        "Este ítem puede bajar aunque la relación esté bien: preste atención a una sesión que se sintió poco productiva, demasiado intensa o demasiado superficial.",
    ),
    (
        "agree one thing to do more of and one to do less of",
        "acordar una cosa que hacer más y otra que hacer menos",
    ),
    (
        "leave five minutes at the end to ask how the session went",
        "dejar cinco minutos al final para preguntar cómo fue la sesión",
    ),
    (
        "no single cause is implied; use your clinical judgement, looking at the other items and at progress toward their goals.",
        "no apunta a una causa única; use su criterio clínico y mire los demás ítems y el avance hacia los objetivos del cliente.",
    ),
    (
        "review progress toward their goals together",
        "revisar en conjunto el avance hacia los objetivos del cliente",
    ),
    (
        "consider consultation or a change of plan",
        "considerar una consulta con colegas o un cambio de plan",
    ),
    (
        "Was there a moment today, on this, that didn't work for you?",
        "¿Hubo algún momento hoy, en este aspecto, que no le funcionó?",
    ),
    (
        "Listen for one specific moment rather than a general verdict.",
        "Preste atención a un momento específico más que a una opinión general.",
    ),
    (
        "try one small change to the part of the session they named",
        "probar un cambio pequeño en la parte de la sesión que el cliente mencionó",
    ),
    (
        "check in on it halfway through next session",
        "preguntar por ello a mitad de la próxima sesión",
    ),
    (
        "a run of low marks on one item is a bigger signal; use your clinical judgement.",
        "una serie de marcas bajas en un mismo ítem es una señal de mayor peso; use su criterio clínico.",
    ),
    (
        "review the treatment plan together",
        "revisar en conjunto el plan de tratamiento",
    ),
    ("consider consultation", "considerar una consulta con colegas"),
    // The SRS prompt's steps (course/prompt/text.rs).
    (
        "{item} fell by {fall} since last session",
        "{item} bajó {fall} desde la última sesión",
    ),
    (
        "{items} fell by {fall} since last session",
        "{items} bajaron {fall} desde la última sesión",
    ),
    (
        "the total fell by {total} since last session, most of all on {items} (down {fall})",
        "el total bajó {total} desde la última sesión, sobre todo en {items} (un descenso de {fall})",
    ),
    (
        "the total fell by {total} since last session",
        "el total bajó {total} desde la última sesión",
    ),
    (
        "all items level at {score}/10 ({items})",
        "todos los ítems iguales, en {score}/10 ({items})",
    ),
    (
        "{item}: lowest {n} sessions in a row",
        "{item}: el más bajo durante {n} sesiones seguidas",
    ),
    (
        "Sudden drop since last session",
        "Caída brusca desde la última sesión",
    ),
    ("Lower than last session", "Más bajo que en la última sesión"),
    ("Total below the cutoff", "Total bajo el punto de corte"),
    ("A lower mark on {items}", "Una marca más baja en {items}"),
    (
        "Consistently high: invite honesty",
        "Siempre alto: invite a la franqueza",
    ),
    (
        "First session: set up the habit",
        "Primera sesión: establezca el hábito",
    ),
    ("Thank and carry on", "Agradezca y continúe"),
    (
        "Reflect and thank. {focus} has been the lowest item, below {below}, for {n} sessions in a row; today: {lowest}. You might say: \"This has come out lowest a few times now. Thank you for keeping on telling me; I'd like to understand it better.\" {good_news}",
        "Refleje y agradezca. {focus} ha sido el ítem más bajo, por debajo de {below}, durante {n} sesiones seguidas; hoy: {lowest}. Podría decir: \"Esto ya ha salido como lo más bajo varias veces. Gracias por seguir diciéndomelo; me gustaría entenderlo mejor.\" {good_news}",
    ),
    (
        "Reflect and thank. {fall}; lowest today: {lowest}. You might say: \"Today's marks are a good deal lower than last time. I'm glad you showed me. Can you tell me what happened?\" A sharp fall says more than the number itself, so give it time today. {good_news}",
        "Refleje y agradezca. {fall}; lo más bajo hoy: {lowest}. Podría decir: \"Las marcas de hoy están bastante más bajas que la vez pasada. Me alegra que me lo haya mostrado. ¿Me puede contar qué pasó?\" Una caída brusca dice más que el número en sí, así que dedíquele tiempo hoy. {good_news}",
    ),
    (
        "Reflect and thank. {fall}; lowest today: {lowest}. You might say: \"Your marks are a bit lower than last time. Thanks for letting me know. What was different today?\" Stay curious; there is nothing to defend. {good_news}",
        "Refleje y agradezca. {fall}; lo más bajo hoy: {lowest}. Podría decir: \"Sus marcas están un poco más bajas que la vez pasada. Gracias por hacérmelo saber. ¿Qué fue distinto hoy?\" Mantenga la curiosidad; no hay nada que defender. {good_news}",
    ),
    (
        "all the marks came out on the low side",
        "todas las marcas salieron más bien bajas",
    ),
    (
        "{item} came out lowest",
        "la línea de {item} fue la más baja",
    ),
    (
        "{items} came out lowest",
        "las líneas de {items} fueron las más bajas",
    ),
    (
        "The total is {total}, under the cutoff of {cutoff}. ",
        "El total es {total}, por debajo del punto de corte de {cutoff}. ",
    ),
    (
        "Reflect and thank. {under}Lowest: {lowest}. You might say: \"I see {said} today. Thank you for being straight with me. Can you tell me more?\" Stay curious; there is nothing to defend. {good_news}",
        "Refleje y agradezca. {under}Lo más bajo: {lowest}. Podría decir: \"Veo que hoy {said}. Gracias por su franqueza. ¿Me puede contar más?\" Mantenga la curiosidad; no hay nada que defender. {good_news}",
    ),
    (
        "Name the pattern. Every item has been {high} or higher for {n} sessions in a row; lowest today: {lowest}. You might say: \"Your marks have been very high for a while. I want to be sure there is room to tell me when something is even slightly off.\"",
        "Nombre el patrón. Todos los ítems han estado en {high} o más durante {n} sesiones seguidas; lo más bajo hoy: {lowest}. Podría decir: \"Sus marcas han estado muy altas desde hace un tiempo. Quiero asegurarme de que haya espacio para decirme cuando algo no está del todo bien, aunque sea un poco.\"",
    ),
    (
        "Thank them and set up the habit. Lowest: {lowest}. You might say: \"Thank you. I'll ask for this at the end of each session. It's usual to mark high at the beginning. What helps me most is hearing about anything that doesn't suit you, even something small.\"",
        "Agradezca y establezca el hábito. Lo más bajo: {lowest}. Podría decir: \"Gracias. Le voy a pedir esto al final de cada sesión. Es habitual marcar alto al principio. Lo que más me ayuda es saber de cualquier cosa que no le sirva, aunque sea algo pequeño.\"",
    ),
    (
        "Thank them, neutrally. Lowest: {lowest}. You might say: \"Thanks for doing this; it helps me keep our work on course.\" Don't comment on how high the marks are or ask for reassurance.",
        "Agradezca de forma neutral. Lo más bajo: {lowest}. Podría decir: \"Gracias por completar esto; me ayuda a mantener nuestro trabajo bien encaminado.\" No comente lo altas que están las marcas ni pida que le confirmen que todo va bien.",
    ),
    (" Also, {fall}.", " Además, {fall}."),
    (
        " The total, {total}, is under the cutoff of {cutoff}.",
        " El total, {total}, está por debajo del punto de corte de {cutoff}.",
    ),
    (
        " As this is your first session together, hearing it now is the best possible start.",
        " Como es la primera sesión, escucharlo ahora es el mejor comienzo posible.",
    ),
    (
        "Get one concrete example from the last few sessions, then look at the bigger picture: {bigger}",
        "Pida un ejemplo concreto de las últimas sesiones y luego mire el panorama general: {bigger}",
    ),
    (
        "Ask for one small example: \"If one thing about today could have been a little better, what would it be?\" Take \"nothing\" lightly; the point is to keep the door open.",
        "Pida un pequeño ejemplo: \"Si una cosa de hoy pudiera haber sido un poco mejor, ¿cuál sería?\" Reciba un \"nada\" con naturalidad; lo importante es mantener la puerta abierta.",
    ),
    (
        "Nothing stands out: {items} are level at {score}. No follow-up question is needed.",
        "Nada sobresale: {items} están al mismo nivel, en {score}. No hace falta una pregunta de seguimiento.",
    ),
    (
        "Optional, if there is time: one light question about {focus}, the lowest: \"{question}\"",
        "Opcional, si hay tiempo: una pregunta breve sobre {focus}, el ítem más bajo: \"{question}\"",
    ),
    (
        "Get one concrete example about {focus}. Ask: \"{question}\" {listen} If nothing comes to mind, offer options (the pace, the focus, the depth) and sort out whether it was about content, process or the relationship.",
        "Pida un ejemplo concreto sobre {focus}. Pregunte: \"{question}\" {listen} Si no surge nada, ofrezca opciones (el ritmo, el foco, la profundidad) y distinga si se trató del contenido, del proceso o de la relación.",
    ),
    (
        "Agree two changes that go further than usual: (1) {first}; (2) {second}. Note them in the treatment plan and check the next rating.",
        "Acuerde dos cambios que vayan más allá de lo habitual: (1) {first}; (2) {second}. Regístrelos en el plan de tratamiento y revise la próxima valoración.",
    ),
    (
        "No change to the work is needed. Say you will keep asking, and that a lower mark would be welcome, not a problem.",
        "No hace falta cambiar nada del trabajo. Diga que seguirá preguntando y que una marca más baja sería bienvenida, no un problema.",
    ),
    (
        "No changes needed. Say you will ask again at the end of next session.",
        "No hacen falta cambios. Diga que volverá a preguntar al final de la próxima sesión.",
    ),
    (
        "No adjustments needed. Keep the routine and ask again next session.",
        "No hacen falta ajustes. Mantenga la rutina y vuelva a preguntar en la próxima sesión.",
    ),
    (
        "Agree two small changes to try next session: (1) {first}; (2) {second}. Ask how they would notice it working, and say you will ask again at the end of next session.",
        "Acuerde dos cambios pequeños para probar en la próxima sesión: (1) {first}; (2) {second}. Pregunte cómo notaría el cliente que están funcionando y diga que volverá a preguntar al final de la próxima sesión.",
    ),
    // The SRS prompt's layers (course/prompt/layers.rs).
    ("the marks came out lower", "las marcas salieron más bajas"),
    (
        "{item} came out lower",
        "la línea de {item} salió más baja",
    ),
    (
        "{items} came out lower",
        "las líneas de {items} salieron más bajas",
    ),
    (", most of all on {items}", ", sobre todo en {items}"),
    (
        "{item} has come out lowest a few times now. Thank you for keeping on telling me; I'd like to understand it better.",
        "La línea de {item} ya ha salido como la más baja varias veces. Gracias por seguir diciéndomelo; me gustaría entenderlo mejor.",
    ),
    (
        "Your marks are a lot lower than last time{most}. I'm glad you showed me. Can you tell me what happened?",
        "Sus marcas están mucho más bajas que la vez pasada{most}. Me alegra que me lo haya mostrado. ¿Me puede contar qué pasó?",
    ),
    (
        "Your marks are a bit lower than last time{most}. Thanks for letting me know. What was different today?",
        "Sus marcas están un poco más bajas que la vez pasada{most}. Gracias por hacérmelo saber. ¿Qué fue distinto hoy?",
    ),
    (
        "I see {lower} today. Thank you for being honest with me. Can you tell me more about that?",
        "Veo que hoy {lower}. Gracias por su honestidad. ¿Me puede contar más sobre eso?",
    ),
    (
        "I notice {lower} today. Thanks for being straight with me. What was that about?",
        "Noto que hoy {lower}. Gracias por su franqueza. ¿A qué se debió?",
    ),
    (
        "Your marks have been very high for a while. I want to be sure there's room to tell me when something is even slightly off.",
        "Sus marcas han estado muy altas desde hace un tiempo. Quiero asegurarme de que haya espacio para decirme cuando algo no está del todo bien, aunque sea un poco.",
    ),
    (
        "Thank you. I'll ask for this every session; marking high at first is usual, and I'd really like to hear if anything doesn't suit you.",
        "Gracias. Le voy a pedir esto en cada sesión; es habitual marcar alto al principio, y de verdad me gustaría saber si algo no le sirve.",
    ),
    (
        "Thank you for filling this out. It helps me keep our work on course.",
        "Gracias por completar esto. Me ayuda a mantener nuestro trabajo bien encaminado.",
    ),
    (
        "Listen for a pause or a \"well…\": any hint of something slightly off deserves a gentle follow-up.",
        "Preste atención a una pausa o a un \"bueno…\": cualquier indicio de que algo no está del todo bien merece una pregunta amable de seguimiento.",
    ),
    (
        "Listen for hesitation on any line: a pause is worth one light question, now or next time.",
        "Preste atención a cualquier vacilación en alguna línea: una pausa merece una pregunta breve, ahora o la próxima vez.",
    ),
    (
        "Listen for anything said in passing as they hand it back; no follow-up question is needed.",
        "Preste atención a cualquier comentario al pasar cuando el cliente le devuelva el formulario; no hace falta una pregunta de seguimiento.",
    ),
    // The ORS prompt (course/outcome_prompt.rs). "Intake" is the first ORS
    // of the episode: "ingreso".
    ("unchanged since intake", "no cambió desde el ingreso"),
    ("up {amount} since intake", "subió {amount} desde el ingreso"),
    ("down {amount} since intake", "bajó {amount} desde el ingreso"),
    ("Intake: a starting point", "Ingreso: un punto de partida"),
    (
        "Thank you. This gives us a starting point; where on these lines would you most like to see a change?",
        "Gracias. Esto nos da un punto de partida; ¿en cuál de estas líneas le gustaría más ver un cambio?",
    ),
    (
        "Listen for which line they talk about first: it often names what brought them here.",
        "Preste atención a la línea de la que el cliente habla primero: a menudo señala el motivo de consulta.",
    ),
    (
        "Thank them and explain the routine: the same four lines at the start of every session, so you can both see whether things are changing. Today's total is {total}, below the cutoff of {cutoff}, as is usual for people starting therapy.",
        "Agradezca y explique la rutina: las mismas cuatro líneas al inicio de cada sesión, para que usted y el cliente puedan ver si las cosas están cambiando. El total de hoy es {total}, por debajo del punto de corte de {cutoff}, como es habitual en quienes comienzan una terapia.",
    ),
    (
        "Ask about the lowest line: \"What has been happening there this week?\" Get one concrete example.",
        "Pregunte por la línea más baja: \"¿Qué ha pasado con eso esta semana?\" Pida un ejemplo concreto.",
    ),
    (
        "Agree together what a small step up on that line would look like, and say you will look at the lines again next session.",
        "Acuerde con el cliente cómo se vería un pequeño avance en esa línea, y diga que volverán a mirar las líneas en la próxima sesión.",
    ),
    ("Intake: high for a start", "Ingreso: alto para empezar"),
    (
        "Thank you. Your marks are fairly high; can you tell me what made now the time to come?",
        "Gracias. Sus marcas son bastante altas; ¿me puede contar por qué decidió venir justo ahora?",
    ),
    (
        "Listen for what the lines leave out: a high start can mean one specific problem, or a hope to look well.",
        "Preste atención a lo que las líneas dejan fuera: un inicio alto puede indicar un problema específico, o el deseo de dar una buena impresión.",
    ),
    (
        "Thank them and explain the routine. Today's total is {total}, at or above the cutoff of {cutoff}: higher than most people starting therapy, which leaves less room to show change.",
        "Agradezca y explique la rutina. El total de hoy es {total}, igual o superior al punto de corte de {cutoff}: más alto que el de la mayoría de quienes comienzan una terapia, lo que deja menos margen para mostrar cambios.",
    ),
    (
        "Ask what brought them now, and whether these lines capture it. If one area matters most, ask for a concrete example from this week.",
        "Pregunte qué motivó la consulta en este momento y si estas líneas lo reflejan. Si un área importa más que las otras, pida un ejemplo concreto de esta semana.",
    ),
    (
        "Agree what you will watch together, and consider whether the scale fits this client's reason for coming.",
        "Acuerde con el cliente qué van a observar y considere si la escala se ajusta al motivo de consulta de este cliente.",
    ),
    ("Lower than at the start", "Más bajo que al inicio"),
    (
        "Your marks are lower than when we started. Thank you for showing me; what has the week been like?",
        "Sus marcas están más bajas que cuando empezamos. Gracias por mostrármelo; ¿cómo ha sido su semana?",
    ),
    (
        "Listen for whether it is life outside (an event, a loss, stress) or something about the therapy itself.",
        "Preste atención a si se trata de la vida fuera de la terapia (un suceso, una pérdida, estrés) o de algo de la terapia misma.",
    ),
    (
        "Reflect and thank. The total is {change} (now {total}). Stay calm and curious: a fall is information, not failure.",
        "Refleje y agradezca. El total {change} (ahora {total}). Mantenga la calma y la curiosidad: una caída es información, no un fracaso.",
    ),
    (
        "Get one concrete example: when in the week was it hardest? Check safety if the fall is steep or the client seems at risk.",
        "Pida un ejemplo concreto: ¿en qué momento de la semana fue más difícil? Evalúe la seguridad si la caída es pronunciada o si el cliente parece estar en riesgo.",
    ),
    (
        "Agree together whether to change something in the work now (focus, frequency, approach), and check again next session. If the fall continues, take it to supervision.",
        "Acuerde con el cliente si conviene cambiar algo del trabajo ahora (foco, frecuencia, enfoque) y vuelva a revisarlo en la próxima sesión. Si la caída continúa, llévelo a supervisión.",
    ),
    ("No reliable change yet", "Todavía sin cambio confiable"),
    (
        "Things look about the same as when we started. I'd like us to think together about whether our work is helping.",
        "Las cosas se ven más o menos igual que cuando empezamos. Me gustaría que pensemos en conjunto si nuestro trabajo le está ayudando.",
    ),
    (
        "Listen for what they hoped would be different by now, and whether the therapy is aimed at it.",
        "Preste atención a lo que el cliente esperaba que ya hubiera cambiado, y a si la terapia apunta a eso.",
    ),
    (
        "Name it without blame. After {n} sessions the total is {change}, less than the 5.0 that counts as a reliable change.",
        "Nómbrelo sin culpar a nadie. Después de {n} sesiones, el total {change}; la diferencia es menor que los 5.0 que cuentan como cambio confiable.",
    ),
    (
        "Ask what, if anything, has helped, and what they expected to be different by now. Look at the SRS too: is the work on what matters to them?",
        "Pregunte qué ha ayudado, si algo ha ayudado, y qué esperaba el cliente que ya fuera distinto. Mire también la SRS: ¿el trabajo está centrado en lo que le importa?",
    ),
    (
        "Agree one real change to try (goal, approach, frequency, another helper) and review it within the next two sessions; consider consultation if nothing moves.",
        "Acuerde un cambio real para probar (objetivo, enfoque, frecuencia, otro profesional) y revíselo dentro de las próximas dos sesiones; considere una consulta con colegas si nada cambia.",
    ),
    (
        "Doing well: above the cutoff",
        "Va bien: por encima del punto de corte",
    ),
    ("Doing well", "Va bien"),
    (
        "Your marks have gone up since we started. What do you think has made the difference?",
        "Sus marcas han subido desde que empezamos. ¿Qué cree que ha marcado la diferencia?",
    ),
    (
        "Listen for what the client credits: their own steps deserve to be named and kept going.",
        "Preste atención a qué le atribuye el cliente el cambio: sus propios pasos merecen ser nombrados y sostenidos.",
    ),
    (
        "Reflect the change: the total is {change} (now {total}). Let them tell the story of it first.",
        "Refleje el cambio: el total {change} (ahora {total}). Deje que el cliente cuente primero cómo se dio.",
    ),
    (
        "Ask which change in their week they notice most, and what they are doing that helps.",
        "Pregunte qué cambio nota más en su semana y qué está haciendo que le ayuda.",
    ),
    (
        "Agree how to keep it going; if the gains hold, talk about spacing sessions out or planning the ending.",
        "Acuerde cómo sostenerlo; si los avances se mantienen, conversen sobre espaciar las sesiones o planificar el cierre.",
    ),
    ("Early days", "Todavía es pronto"),
    (
        "Thanks. How has the week been compared with the last one?",
        "Gracias. ¿Cómo ha sido esta semana comparada con la anterior?",
    ),
    (
        "Listen for anything that moved this week, even slightly, in either direction.",
        "Preste atención a cualquier cosa que se haya movido esta semana, aunque sea un poco, en cualquier dirección.",
    ),
    (
        "Thank them. The total is {total}, {change}: no reliable change yet, which is common this early.",
        "Agradezca. El total es {total}; {change}: todavía no hay un cambio confiable, algo común tan al principio.",
    ),
    (
        "Ask about the line that moved most this week, and what was behind it.",
        "Pregunte por la línea que más se movió esta semana y qué hubo detrás.",
    ),
    (
        "Carry on with the plan and look at the lines again next session.",
        "Continúe con el plan y vuelvan a mirar las líneas en la próxima sesión.",
    ),
    // Divergence between raters (raters/divergence_prompt.rs), said to a
    // couple or family: "ustedes".
    ("both of you", "las dos personas"),
    ("all of you", "todas las personas"),
    (
        "Name it openly, to everyone at once and without taking sides: {what}. Thank them for rating honestly; a difference is useful information, not a verdict on anyone.",
        "Nómbrelo abiertamente, ante todos a la vez y sin tomar partido: {what}. Agradézcales que hayan valorado con honestidad; una diferencia es información útil, no un veredicto sobre nadie.",
    ),
    ("Ratings differ today", "Hoy las valoraciones difieren"),
    (
        "I notice your ratings look different today. Let's talk about what each of you needs.",
        "Noto que hoy sus valoraciones son distintas. Hablemos de lo que cada uno de ustedes necesita.",
    ),
    (
        "Listen for what each person needed from today that they did not get, without deciding who is right.",
        "Preste atención a lo que cada persona necesitaba de la sesión de hoy y no recibió, sin decidir quién tiene razón.",
    ),
    (
        "Ask each person in turn what today was like for them; get one concrete moment from each, and reflect it back in their own words before moving on.",
        "Pregunte a cada persona, por turnos, cómo fue la sesión de hoy para ella; pida un momento concreto a cada una y devuélvaselo con sus propias palabras antes de seguir.",
    ),
    (
        "Agree together one change for the next session that serves {everyone}, and say you will ask again next time.",
        "Acuerde en conjunto un cambio para la próxima sesión que sirva a {everyone}, y diga que volverá a preguntar la próxima vez.",
    ),
    ("Different views of the week", "Distintas miradas sobre la semana"),
    (
        "I notice you see the past week quite differently. I'd like to hear how it looked to each of you.",
        "Noto que ven la última semana de manera bastante distinta. Me gustaría escuchar cómo la vivió cada uno de ustedes.",
    ),
    (
        "Listen for whether the difference is about the same events seen differently, or about different parts of life.",
        "Preste atención a si la diferencia se debe a los mismos hechos vistos de otra manera, o a distintos ámbitos de la vida.",
    ),
    (
        "Ask each person in turn how the week looked from where they stand; get one concrete example from each, without deciding whose view is right.",
        "Pregunte a cada persona, por turnos, cómo vio la semana desde su lugar; pida un ejemplo concreto a cada una, sin decidir qué mirada es la correcta.",
    ),
    (
        "Agree together what today's session should focus on so that it serves {everyone}, and look at the lines again next session.",
        "Acuerde en conjunto en qué debe centrarse la sesión de hoy para que sirva a {everyone}, y vuelvan a mirar las líneas en la próxima sesión.",
    ),
    ("the totals are up to {gap} apart", "los totales difieren hasta en {gap}"),
    ("the totals are {gap} apart", "los totales difieren en {gap}"),
    ("{item} up to {gap} apart", "{item} difiere hasta en {gap}"),
    // The progress note (course/note/paste.rs), in the therapist's record.
    ("client {label}", "cliente {label}"),
    ("Client's feedback", "Comentario del cliente"),
    ("Therapist's response", "Respuesta del terapeuta"),
    (" (intake)", " (ingreso)"),
    (" (intake {intake}, {category})", " (ingreso {intake}, {category})"),
    ("ORS total: {total}/{max}{about}.", "Total ORS: {total}/{max}{about}."),
    ("intake", "ingreso"),
    ("no reliable change", "sin cambio confiable"),
    ("reliable improvement", "mejoría confiable"),
    (
        "clinically significant improvement",
        "mejoría clínicamente significativa",
    ),
    ("reliable deterioration", "empeoramiento confiable"),
    (
        "SRS total: {total}/{max}; lowest item: {items}.",
        "Total SRS: {total}/{max}; ítem más bajo: {items}.",
    ),
    (
        "SRS total: {total}/{max}; lowest items: {items}.",
        "Total SRS: {total}/{max}; ítems más bajos: {items}.",
    ),
    // The note's panel (ui/therapist/note.rs).
    ("Progress note", "Nota de evolución"),
    (
        "What the client said (optional)",
        "Lo que dijo el cliente (opcional)",
    ),
    (
        "What you will change (optional)",
        "Lo que usted va a cambiar (opcional)",
    ),
    (
        "Both are kept with this rating and go into its exports.",
        "Ambos se guardan con esta valoración y se incluyen en sus exportaciones.",
    ),
    ("Note text", "Texto de la nota"),
    ("Copy note", "Copiar nota"),
    ("Copied to the clipboard.", "Copiado al portapapeles."),
    (
        "Could not copy automatically. The note is selected: press Ctrl+C (or ⌘C) to copy it.",
        "No se pudo copiar automáticamente. La nota está seleccionada: presione Ctrl+C (o ⌘C) para copiarla.",
    ),
];
