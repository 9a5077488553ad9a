//! The clinic's side of the page: the PIN and client mode, rounds, sync,
//! therapists and caseloads, data (backups, imports, storage) and settings.

/// `(English, Spanish)`.
pub const ENTRIES: &[(&str, &str)] = &[
    (
        " Receive ratings from the clinic's shared tablets (they arrive sealed in the clinic inbox)",
        " Recibir valoraciones de las tabletas compartidas de la clínica (llegan selladas a la bandeja de entrada de la clínica)",
    ),
    (
        " This is a shared tablet: it sends ratings to each therapist's inbox and holds no caseload",
        " Esta es una tableta compartida: envía las valoraciones a la bandeja de entrada de cada terapeuta y no guarda casos a cargo",
    ),
    (
        "A caseload named on this device is not joined yet; the clinic passphrase joins it.",
        "Este dispositivo aún no se unió a los casos a cargo de un terapeuta nombrado aquí; la frase de contraseña de la clínica permite unirse.",
    ),
    (
        "A database name starts with a small letter and has only small letters, digits and _ $ ( ) + - /.",
        "El nombre de una base de datos empieza con una letra minúscula y solo tiene letras minúsculas, dígitos y _ $ ( ) + - /.",
    ),
    (
        "A therapist named on this device has a caseload this device has not joined yet. Nothing is lost: the other caseloads go on syncing. Turn sync off and on again with the clinic passphrase to join it.",
        "Un terapeuta nombrado en este dispositivo tiene casos a cargo a los que este dispositivo aún no se ha unido. No se pierde nada: los demás casos a cargo se siguen sincronizando. Desactive la sincronización y vuelva a activarla con la frase de contraseña de la clínica para unirse.",
    ),
    (
        "Another device uses a newer version of Attune. Sync has stopped here so that nothing it wrote is rewritten by this older version: reload this page (or update Attune) to get the newer version. Nothing is lost.",
        "Otro dispositivo usa una versión más reciente de Attune. La sincronización se detuvo aquí para que esta versión más antigua no reescriba nada de lo que aquel escribió: vuelva a cargar esta página (o actualice Attune) para obtener la versión más reciente. No se pierde nada.",
    ),
    (
        "Another device uses a newer version of Attune; reload this page.",
        "Otro dispositivo usa una versión más reciente de Attune; vuelva a cargar esta página.",
    ),
    (
        "Another device was saving the same records at the same moment; Attune will try again shortly. Nothing is lost: everything stays on this device.",
        "Otro dispositivo guardaba los mismos registros en el mismo momento; Attune lo intentará de nuevo en breve. No se pierde nada: todo queda en este dispositivo.",
    ),
    (
        "Change the clinic passphrase",
        "Cambiar la frase de contraseña de la clínica",
    ),
    (
        "Clinic passphrase",
        "Frase de contraseña de la clínica",
    ),
    (
        "Clinic passphrase again",
        "Repita la frase de contraseña de la clínica",
    ),
    (
        "CouchDB password",
        "Contraseña de CouchDB",
    ),
    (
        "CouchDB user name",
        "Nombre de usuario de CouchDB",
    ),
    (
        "Current clinic passphrase",
        "Frase de contraseña actual de la clínica",
    ),
    (
        "Database",
        "Base de datos",
    ),
    (
        "Everything on this device is synced.",
        "Todo lo de este dispositivo está sincronizado.",
    ),
    (
        "Give the CouchDB user name this device signs in with.",
        "Indique el nombre de usuario de CouchDB con el que este dispositivo inicia sesión.",
    ),
    (
        "Give the server address as a path on this site (such as /couchdb/) or a full https:// address.",
        "Indique la dirección del servidor como una ruta en este sitio (por ejemplo /couchdb/) o una dirección https:// completa.",
    ),
    (
        "Keys kept when this tablet was set up (compare each with Settings → Sync on the therapist's device; a key changed on the server is never used):",
        "Claves guardadas al configurar esta tableta (compare cada una con Configuración → Sincronización en el dispositivo del terapeuta; nunca se usa una clave cambiada en el servidor):",
    ),
    (
        "Last synced just now.",
        "Última sincronización: hace un momento.",
    ),
    (
        "Last synced {hours} hours ago.",
        "Última sincronización: hace {hours} horas.",
    ),
    (
        "Last synced {n} minute ago.",
        "Última sincronización: hace {n} minuto.",
    ),
    (
        "Last synced {n} minutes ago.",
        "Última sincronización: hace {n} minutos.",
    ),
    (
        "Name the therapists whose caseloads the clinic database holds (Settings → Therapists) and join their caseloads first.",
        "Primero nombre a los terapeutas cuyos casos a cargo guarda la base de datos de la clínica (Configuración → Terapeutas) y únase a sus casos a cargo.",
    ),
    (
        "New clinic passphrase",
        "Nueva frase de contraseña de la clínica",
    ),
    (
        "Not synced yet on this device.",
        "Aún no se ha sincronizado en este dispositivo.",
    ),
    (
        "Not yet sure the clinic server has everything from this device: it will be compared record by record at the next sync.",
        "Aún no es seguro que el servidor de la clínica tenga todo lo de este dispositivo: se comparará registro por registro en la próxima sincronización.",
    ),
    (
        "Nothing new is waiting on this device, but the clinic server could not be checked.",
        "No hay nada nuevo pendiente en este dispositivo, pero no se pudo comprobar el servidor de la clínica.",
    ),
    (
        "Off unless you turn it on. Keeps this device in step with the clinic's other devices through the clinic's own Apache CouchDB server. Every record is encrypted on this device with the clinic passphrase before it leaves; the server sees only record ids, revisions, record types, times and ciphertext. The password only signs in and is not stored; the PIN, calibration and any rating in progress never sync.",
        "Desactivada a menos que usted la active. Mantiene este dispositivo al día con los demás dispositivos de la clínica a través del propio servidor Apache CouchDB de la clínica. Cada registro se cifra en este dispositivo con la frase de contraseña de la clínica antes de salir; el servidor solo ve identificadores de registro, revisiones, tipos de registro, horas y texto cifrado. La contraseña solo sirve para iniciar sesión y no se guarda; el PIN, la calibración y cualquier valoración en curso nunca se sincronizan.",
    ),
    (
        "Open the sync settings",
        "Abrir la configuración de sincronización",
    ),
    (
        "Opening the clinic database…",
        "Abriendo la base de datos de la clínica…",
    ),
    (
        "Put the clinic key back",
        "Restablecer la clave de la clínica",
    ),
    (
        "Ratings for {name} wait on this tablet: it kept no key of {name}'s; set the tablet up again.",
        "Las valoraciones para {name} esperan en esta tableta: no guardó ninguna clave de {name}; vuelva a configurar la tableta.",
    ),
    (
        "Server address",
        "Dirección del servidor",
    ),
    (
        "Sign in again",
        "Volver a iniciar sesión",
    ),
    (
        "Sync between devices",
        "Sincronización entre dispositivos",
    ),
    (
        "Sync is on: {user} on {server}.",
        "La sincronización está activada: {user} en {server}.",
    ),
    (
        "Sync needs you: {what} Nothing is lost.",
        "La sincronización lo necesita: {what} No se pierde nada.",
    ),
    (
        "Sync now",
        "Sincronizar ahora",
    ),
    (
        "Sync stopped before filling this browser's storage; what is here is kept. Nothing is lost: the rest stays safe on the clinic server.",
        "La sincronización se detuvo antes de llenar el almacenamiento de este navegador; lo que está aquí se conserva. No se pierde nada: el resto sigue seguro en el servidor de la clínica.",
    ),
    (
        "Sync stopped: this browser's storage is nearly full.",
        "Sincronización detenida: el almacenamiento de este navegador está casi lleno.",
    ),
    (
        "Syncing…",
        "Sincronizando…",
    ),
    (
        "That clinic passphrase does not open this clinic's records. Nothing was changed or lost: check the passphrase and try again.",
        "Esa frase de contraseña no abre los registros de esta clínica. No se cambió ni se perdió nada: revise la frase de contraseña e inténtelo de nuevo.",
    ),
    (
        "The clinic database {db} holds no clinic key: it was never synced, so there is nothing to move.",
        "La base de datos de la clínica {db} no tiene clave de la clínica: nunca se sincronizó, así que no hay nada que trasladar.",
    ),
    (
        "The clinic database's key has been replaced (the database may have been reset). Nothing is lost: everything stays on this device; turn sync off and on again with the clinic passphrase.",
        "La clave de la base de datos de la clínica fue reemplazada (es posible que la base de datos se haya restablecido). No se pierde nada: todo queda en este dispositivo; desactive la sincronización y vuelva a activarla con la frase de contraseña de la clínica.",
    ),
    (
        "The clinic database's key has been replaced.",
        "La clave de la base de datos de la clínica fue reemplazada.",
    ),
    (
        "The clinic passphrase does not open this clinic's records.",
        "La frase de contraseña de la clínica no abre los registros de esta clínica.",
    ),
    (
        "The clinic passphrase is changed. Devices already syncing go on as they are; a new device joins with the new passphrase.",
        "La frase de contraseña de la clínica se cambió. Los dispositivos que ya se sincronizan siguen como están; un dispositivo nuevo se une con la nueva frase de contraseña.",
    ),
    (
        "The clinic passphrase needs at least {n} characters.",
        "La frase de contraseña de la clínica necesita al menos {n} caracteres.",
    ),
    (
        "The clinic server asks you to sign in again.",
        "El servidor de la clínica le pide que vuelva a iniciar sesión.",
    ),
    (
        "The clinic server asks you to sign in again. Nothing is lost: everything stays on this device and syncs once you have.",
        "El servidor de la clínica le pide que vuelva a iniciar sesión. No se pierde nada: todo queda en este dispositivo y se sincroniza en cuanto lo haga.",
    ),
    (
        "The clinic server cannot be reached right now (no connection, or the address is wrong). Nothing is lost: everything stays on this device and syncs when it can be reached.",
        "No se puede conectar con el servidor de la clínica en este momento (no hay conexión o la dirección es incorrecta). No se pierde nada: todo queda en este dispositivo y se sincroniza cuando se pueda conectar.",
    ),
    (
        "The clinic server found a batch too large; Attune will send it in smaller parts. Nothing is lost: everything stays on this device.",
        "El servidor de la clínica encontró un lote demasiado grande; Attune lo enviará en partes más pequeñas. No se pierde nada: todo queda en este dispositivo.",
    ),
    (
        "The clinic server gave an answer Attune did not expect (code {code}); Attune will try again later. Nothing is lost: everything stays on this device.",
        "El servidor de la clínica dio una respuesta que Attune no esperaba (código {code}); Attune lo intentará de nuevo más tarde. No se pierde nada: todo queda en este dispositivo.",
    ),
    (
        "The clinic server has a problem of its own; Attune will try again shortly. Nothing is lost: everything stays on this device.",
        "El servidor de la clínica tiene un problema propio; Attune lo intentará de nuevo en breve. No se pierde nada: todo queda en este dispositivo.",
    ),
    (
        "The clinic server has lost the clinic key (it may have been restored from an older copy or emptied). Nothing is lost: everything stays on this device. Enter the clinic passphrase in the sync settings to put the key back; this device then sends the server everything it holds.",
        "El servidor de la clínica perdió la clave de la clínica (es posible que se haya restaurado desde una copia anterior o se haya vaciado). No se pierde nada: todo queda en este dispositivo. Escriba la frase de contraseña de la clínica en la configuración de sincronización para restablecer la clave; luego este dispositivo envía al servidor todo lo que guarda.",
    ),
    (
        "The clinic server has lost the clinic key; the clinic passphrase puts it back.",
        "El servidor de la clínica perdió la clave de la clínica; la frase de contraseña de la clínica la restablece.",
    ),
    (
        "The clinic server has no database by that name.",
        "El servidor de la clínica no tiene ninguna base de datos con ese nombre.",
    ),
    (
        "The clinic server has no database by that name; check it in the sync settings. Nothing is lost: everything stays on this device.",
        "El servidor de la clínica no tiene ninguna base de datos con ese nombre; revíselo en la configuración de sincronización. No se pierde nada: todo queda en este dispositivo.",
    ),
    (
        "The clinic server took too long to answer; Attune will try again shortly. Nothing is lost: everything stays on this device.",
        "El servidor de la clínica tardó demasiado en responder; Attune lo intentará de nuevo en breve. No se pierde nada: todo queda en este dispositivo.",
    ),
    (
        "The move did not settle: the databases keep changing under it. Stop sync on every other device, then run the move again.",
        "El traslado no se pudo completar: las bases de datos siguen cambiando durante el proceso. Detenga la sincronización en todos los demás dispositivos y vuelva a ejecutar el traslado.",
    ),
    (
        "The passphrase is changed for the caseloads this device syncs. Devices already syncing go on as they are; a device joining these caseloads uses the new passphrase. Change it on a device holding each other caseload too, so the clinic keeps one passphrase.",
        "La frase de contraseña se cambió para los casos a cargo que sincroniza este dispositivo. Los dispositivos que ya se sincronizan siguen como están; un dispositivo que se una a estos casos a cargo usa la nueva frase de contraseña. Cámbiela también en un dispositivo que guarde cada uno de los demás casos a cargo, para que la clínica conserve una sola frase de contraseña.",
    ),
    (
        "The server refused the record {id} ({error}). {why}",
        "El servidor rechazó el registro {id} ({error}). {why}",
    ),
    (
        "The server refuses this device's user the clinic database {db}: make the lead's user a member of it (its _security), sign in again if asked, then run the move again. Nothing was moved.",
        "El servidor no permite al usuario de este dispositivo usar la base de datos de la clínica {db}: haga que el usuario del responsable sea miembro de ella (su _security), vuelva a iniciar sesión si se le pide y luego ejecute de nuevo el traslado. No se trasladó nada.",
    ),
    (
        "The two passphrases differ: type the clinic passphrase twice, the same way.",
        "Las dos frases de contraseña son distintas: escriba la frase de contraseña de la clínica dos veces, igual.",
    ),
    (
        "There is no clinic database {db} on the server: nothing to move.",
        "No existe la base de datos de la clínica {db} en el servidor: no hay nada que trasladar.",
    ),
    (
        "This caseload's inbox key: {print}",
        "Clave de la bandeja de entrada de estos casos a cargo: {print}",
    ),
    (
        "This device has not synced for a day.",
        "Este dispositivo lleva un día sin sincronizarse.",
    ),
    (
        "This device has not synced for {days} days.",
        "Este dispositivo lleva {days} días sin sincronizarse.",
    ),
    (
        "This device has not synced yet: the clinic server cannot be reached.",
        "Este dispositivo aún no se ha sincronizado: no se puede conectar con el servidor de la clínica.",
    ),
    (
        "This device is a shared tablet: it holds no caseload and sends each rating, sealed, to the inbox of the therapist who handed it over.",
        "Este dispositivo es una tableta compartida: no guarda casos a cargo y envía cada valoración, sellada, a la bandeja de entrada del terapeuta que la entregó.",
    ),
    (
        "This device receives no rating from the clinic's shared tablets: it names no therapist, so it has no caseload of its own. Add yourself in Settings → Therapists; then its caseload's key is published for the tablets.",
        "Este dispositivo no recibe valoraciones de las tabletas compartidas de la clínica: no nombra a ningún terapeuta, así que no tiene casos a cargo propios. Agréguese en Configuración → Terapeutas; entonces la clave de sus casos a cargo se publica para las tabletas.",
    ),
    (
        "This device syncs the caseloads of {names} and {last}, each in its own database.",
        "Este dispositivo sincroniza los casos a cargo de {names} y {last}, cada uno en su propia base de datos.",
    ),
    (
        "This device syncs the clinic database {db}.",
        "Este dispositivo sincroniza la base de datos de la clínica {db}.",
    ),
    (
        "This device syncs {name}'s caseload, in its own database.",
        "Este dispositivo sincroniza los casos a cargo de {name}, en su propia base de datos.",
    ),
    (
        "This network showed a web page instead of the clinic server: it may want you to sign in to the Wi-Fi in a browser tab. Nothing is lost: everything stays on this device.",
        "Esta red mostró una página web en lugar del servidor de la clínica: puede que le pida iniciar sesión en la red Wi-Fi en una pestaña del navegador. No se pierde nada: todo queda en este dispositivo.",
    ),
    (
        "Turn sync off",
        "Desactivar la sincronización",
    ),
    (
        "Turn sync on",
        "Activar la sincronización",
    ),
    (
        "Turn sync on first.",
        "Primero active la sincronización.",
    ),
    (
        "Turning sync on…",
        "Activando la sincronización…",
    ),
    (
        "Type the clinic passphrase every device uses, twice. The server has nothing left to check it against: what you type becomes the passphrase new devices join with, so use the clinic's own, not a new one.",
        "Escriba dos veces la frase de contraseña de la clínica que usan todos los dispositivos. El servidor ya no tiene con qué compararla: lo que escriba será la frase con la que se unan los dispositivos nuevos, así que use la de la clínica, no una nueva.",
    ),
    (
        "{name}'s key: {print}",
        "Clave de {name}: {print}",
    ),
    (
        "{n} rating taken with no therapist working waits on this tablet.",
        "{n} valoración tomada sin terapeuta a cargo espera en esta tableta.",
    ),
    (
        "{n} ratings taken with no therapist working wait on this tablet.",
        "{n} valoraciones tomadas sin terapeuta a cargo esperan en esta tableta.",
    ),
    (
        "{n} record belongs to a caseload this device does not sync; it stays on this device.",
        "{n} registro pertenece a casos a cargo que este dispositivo no sincroniza; queda en este dispositivo.",
    ),
    (
        "{n} record is waiting to sync.",
        "{n} registro espera para sincronizarse.",
    ),
    (
        "{n} record was moved to another caseload on another device while it had changes here not yet sent: it stays on this device with its changes.",
        "{n} registro se trasladó a otros casos a cargo en otro dispositivo mientras tenía aquí cambios aún sin enviar: queda en este dispositivo con sus cambios.",
    ),
    (
        "{n} records are waiting to sync.",
        "{n} registros esperan para sincronizarse.",
    ),
    (
        "{n} records belong to caseloads this device does not sync; they stay on this device.",
        "{n} registros pertenecen a casos a cargo que este dispositivo no sincroniza; quedan en este dispositivo.",
    ),
    (
        "{n} records were moved to another caseload on another device while they had changes here not yet sent: they stay on this device with their changes.",
        "{n} registros se trasladaron a otros casos a cargo en otro dispositivo mientras tenían aquí cambios aún sin enviar: quedan en este dispositivo con sus cambios.",
    ),
    (
        "{n} sealed rating in the clinic inbox does not open on this device; it stays in the inbox.",
        "{n} valoración sellada de la bandeja de entrada de la clínica no se abre en este dispositivo; queda en la bandeja de entrada.",
    ),
    (
        "{n} sealed ratings in the clinic inbox do not open on this device; they stay in the inbox.",
        "{n} valoraciones selladas de la bandeja de entrada de la clínica no se abren en este dispositivo; quedan en la bandeja de entrada.",
    ),
    (
        "{why} The move stopped here, with nothing closed that is not already in its caseload's database: run it again once this is set right; it goes on from where it stopped.",
        "{why} El traslado se detuvo aquí, sin cerrar nada que no esté ya en la base de datos de sus casos a cargo: vuelva a ejecutarlo cuando esto se haya corregido; continúa desde donde se detuvo.",
    ),
    (
        " Clinic lead (their own PIN opens every hand-over on this device)",
        " Responsable de la clínica (su propio PIN abre cualquier entrega en este dispositivo)",
    ),
    (
        " Give them the {n} client already on this device",
        " Asignarle {n} cliente que ya está en este dispositivo",
    ),
    (
        " Give them the {n} clients already on this device",
        " Asignarle los {n} clientes que ya están en este dispositivo",
    ),
    (
        " anyone who can open this browser's storage or developer tools can still read the ratings. ",
        " cualquier persona que pueda abrir el almacenamiento de este navegador o las herramientas para desarrolladores puede leer las valoraciones. ",
    ),
    (
        " {name} is a clinic lead",
        " {name} es responsable de la clínica",
    ),
    (
        "A PIN is set, but no recovery code yet: enter the current PIN and a new one (it may be the same) to get one.",
        "Hay un PIN configurado, pero todavía no hay código de recuperación: escriba el PIN actual y uno nuevo (puede ser el mismo) para obtenerlo.",
    ),
    (
        "A PIN is set. To change it, enter the current PIN (or the recovery code) and the new one.",
        "Hay un PIN configurado. Para cambiarlo, escriba el PIN actual (o el código de recuperación) y el nuevo.",
    ),
    (
        "A move began on this device and is not finished: run it again to finish it.",
        "Un traslado comenzó en este dispositivo y no terminó: vuelva a ejecutarlo para terminarlo.",
    ),
    (
        "Add therapist",
        "Agregar terapeuta",
    ),
    (
        "Attune ships its own wording for each measure. A clinic licensed for the official wording, or working in another language, loads it here as a pack file; scores and histories do not change with the wording.",
        "Attune incluye sus propios textos para cada medida. Una clínica con licencia de los textos oficiales, o que trabaja en otro idioma, los carga aquí como archivo de paquete; las puntuaciones y los historiales no cambian con los textos.",
    ),
    (
        "Auto-lock",
        "Bloqueo automático",
    ),
    (
        "Back to the form",
        "Volver al formulario",
    ),
    (
        "Calibrate the 10 cm line",
        "Calibrar la línea de 10 cm",
    ),
    (
        "Calibration removed: lines use the browser's nominal 10 cm.",
        "Calibración eliminada: las líneas usan los 10 cm nominales del navegador.",
    ),
    (
        "Card outline width",
        "Ancho del contorno de la tarjeta",
    ),
    (
        "Checking…",
        "Comprobando…",
    ),
    (
        "Client mode shows only the rating form; leaving it needs this PIN. ",
        "El modo cliente muestra solo el formulario de valoración; para salir de él se necesita este PIN. ",
    ),
    (
        "Clients without a language of their own see Attune's own English.",
        "Los clientes sin idioma propio ven el inglés propio de Attune.",
    ),
    (
        "Clinic passphrase for the move",
        "Frase de contraseña de la clínica para el traslado",
    ),
    (
        "Copies every record of a therapist's client from the clinic database {db} into that therapist's caseload database, under its own key; checks every caseload database against the clinic database by count and checksum; and only when every one adds up closes (deletes) the moved records in the clinic database. Records with no therapist stay there. A client's therapist is the one this device gives them, else the one their record names. Back up the server and stop sync on every other device first. If the move is cut off, run it again: it goes on from where it stopped and copies nothing twice.",
        "Copia cada registro de los clientes de un terapeuta desde la base de datos de la clínica {db} a la base de datos de los casos a cargo de ese terapeuta, con su propia clave; compara cada base de datos de casos a cargo con la de la clínica por cantidad y suma de verificación; y solo cuando todas coinciden cierra (elimina) los registros trasladados en la base de datos de la clínica. Los registros sin terapeuta se quedan allí. El terapeuta de un cliente es el que le asigna este dispositivo o, si no, el que indica su registro. Antes, haga una copia de seguridad del servidor y detenga la sincronización en todos los demás dispositivos. Si el traslado se interrumpe, vuelva a ejecutarlo: continúa desde donde se detuvo y no copia nada dos veces.",
    ),
    (
        "Current PIN (or the recovery code)",
        "PIN actual (o el código de recuperación)",
    ),
    (
        "Enter a whole number of seconds (0 for never).",
        "Escriba un número entero de segundos (0 para nunca).",
    ),
    (
        "Enter the current PIN (or the recovery code) to change it.",
        "Escriba el PIN actual (o el código de recuperación) para cambiarlo.",
    ),
    (
        "From the next rating, clients without a language of their own see {name}. Your pages stay in English.",
        "Desde la próxima valoración, los clientes sin idioma propio ven {name}. Sus páginas no cambian de idioma.",
    ),
    (
        "Hold a bank card (85.60 × 53.98 mm) against the screen and drag the outline's right edge, ",
        "Sostenga una tarjeta bancaria (85.60 × 53.98 mm) contra la pantalla y arrastre el borde derecho del contorno, ",
    ),
    (
        "I have written it down",
        "Ya lo anoté",
    ),
    (
        "If the PIN is forgotten, or this device's settings are damaged, it is the way back in. ",
        "Si se olvida el PIN o se dañan los ajustes de este dispositivo, es la forma de volver a entrar. ",
    ),
    (
        "In {name}'s caseload.",
        "En los casos a cargo de {name}.",
    ),
    (
        "It will not be shown again.",
        "No se volverá a mostrar.",
    ),
    (
        "Loaded: “{name}”, version {version}. Languages: {languages}. Licence: {licence}",
        "Cargado: “{name}”, versión {version}. Idiomas: {languages}. Licencia: {licence}",
    ),
    (
        "Lock into client mode after this many idle seconds (0 = never)",
        "Bloquear en modo cliente tras esta cantidad de segundos sin actividad (0 = nunca)",
    ),
    (
        "Move the clinic database into caseload databases",
        "Trasladar la base de datos de la clínica a bases de datos de casos a cargo",
    ),
    (
        "Move the clinic database into caseload databases…",
        "Trasladar la base de datos de la clínica a bases de datos de casos a cargo…",
    ),
    (
        "Move the records",
        "Trasladar los registros",
    ),
    (
        "Moved to {to}'s caseload.",
        "Se trasladó a los casos a cargo de {to}.",
    ),
    (
        "Moved to {to}'s caseload. Earlier sessions still say they were {from}'s.",
        "Se trasladó a los casos a cargo de {to}. Las sesiones anteriores siguen indicando que fueron de {from}.",
    ),
    (
        "Moving the records…",
        "Trasladando los registros…",
    ),
    (
        "Name each therapist who works on this device, as the clinic knows them on every device. ",
        "Nombre a cada terapeuta que trabaja en este dispositivo tal como la clínica lo conoce en todos los dispositivos. ",
    ),
    (
        "New PIN (4 to 8 digits)",
        "PIN nuevo (de 4 a 8 dígitos)",
    ),
    (
        "No PIN set yet.",
        "Todavía no hay PIN configurado.",
    ),
    (
        "No pack is loaded: the measures use Attune's own wording, in English.",
        "No hay ningún paquete cargado: las medidas usan los textos propios de Attune, en inglés.",
    ),
    (
        "No recovery code was set up on this device.",
        "No se configuró ningún código de recuperación en este dispositivo.",
    ),
    (
        "No therapist yet.",
        "Todavía sin terapeuta.",
    ),
    (
        "Not moved: this device does not sync both caseloads, so it cannot move the client into {to}'s caseload on the clinic server. Transfer from a device that holds both (a clinic lead's).",
        "No se trasladó: este dispositivo no sincroniza ambos casos a cargo, así que no puede trasladar al cliente a los casos a cargo de {to} en el servidor de la clínica. Transfiéralo desde un dispositivo que tenga ambos (el de un responsable de la clínica).",
    ),
    (
        "Not moved: {why}.",
        "No se trasladó: {why}.",
    ),
    (
        "Only a salted hash of the PIN is kept, and of the recovery code made with it.",
        "Solo se guarda un hash con sal del PIN y del código de recuperación creado con él.",
    ),
    (
        "PIN",
        "PIN",
    ),
    (
        "PIN saved.",
        "PIN guardado.",
    ),
    (
        "PIN saved. A new recovery code could not be stored ({why}); save the PIN again when there is room.",
        "PIN guardado. No se pudo guardar un nuevo código de recuperación ({why}); vuelva a guardar el PIN cuando haya espacio.",
    ),
    (
        "PIN saved. A new recovery code could not be stored ({why}); the previous one still works.",
        "PIN guardado. No se pudo guardar un nuevo código de recuperación ({why}); el anterior sigue funcionando.",
    ),
    (
        "Pack file (.json)",
        "Archivo de paquete (.json)",
    ),
    (
        "Recovery code",
        "Código de recuperación",
    ),
    (
        "Recovery code accepted: set a new PIN now.",
        "Código de recuperación aceptado: configure ahora un PIN nuevo.",
    ),
    (
        "Remove the pack",
        "Quitar el paquete",
    ),
    (
        "Repeat the PIN",
        "Repita el PIN",
    ),
    (
        "Repeat {name}'s PIN",
        "Repita el PIN de {name}",
    ),
    (
        "Save PIN",
        "Guardar PIN",
    ),
    (
        "Save auto-lock",
        "Guardar bloqueo automático",
    ),
    (
        "Save calibration",
        "Guardar calibración",
    ),
    (
        "Save {name}'s PIN",
        "Guardar el PIN de {name}",
    ),
    (
        "Saved.",
        "Guardado.",
    ),
    (
        "Saved: rating lines are now drawn 100 mm long on this screen.",
        "Guardado: las líneas de valoración ahora miden 100 mm en esta pantalla.",
    ),
    (
        "Saving…",
        "Guardando…",
    ),
    (
        "Set a therapist PIN before handing the device to a client.",
        "Configure un PIN de terapeuta antes de entregar el dispositivo a un cliente.",
    ),
    (
        "Start ({name})",
        "Comenzar ({name})",
    ),
    (
        "That is neither the PIN nor a recovery code: {why}.",
        "Eso no es ni el PIN ni un código de recuperación: {why}.",
    ),
    (
        "That is neither {name}'s current PIN nor the device PIN.",
        "Eso no es ni el PIN actual de {name} ni el PIN del dispositivo.",
    ),
    (
        "That is not a recovery code: {why}.",
        "Eso no es un código de recuperación: {why}.",
    ),
    (
        "That is not the recovery code.",
        "Ese no es el código de recuperación.",
    ),
    (
        "The 24 letters and digits written down when the PIN was set; case, spaces and dashes do not matter.",
        "Las 24 letras y dígitos que se anotaron al configurar el PIN; no importan las mayúsculas, los espacios ni los guiones.",
    ),
    (
        "The PIN guards the screen, not the stored data:",
        "El PIN protege la pantalla, no los datos guardados:",
    ),
    (
        "The current PIN is not right.",
        "El PIN actual no es correcto.",
    ),
    (
        "The current PIN is not right. {wait}.",
        "El PIN actual no es correcto. {wait}.",
    ),
    (
        "The device's wording could not be stored: {error}. Nothing was changed.",
        "No se pudieron guardar los textos del dispositivo: {error}. No se cambió nada.",
    ),
    (
        "The pack could not be removed: {error}.",
        "No se pudo quitar el paquete: {error}.",
    ),
    (
        "The pack is removed: Attune's own wording is used again.",
        "Se quitó el paquete: se vuelven a usar los textos propios de Attune.",
    ),
    (
        "The pack is valid but could not be stored: {error}. Nothing was changed.",
        "El paquete es válido, pero no se pudo guardar: {error}. No se cambió nada.",
    ),
    (
        "The pack was not loaded: {why}. Nothing was changed.",
        "No se cargó el paquete: {why}. No se cambió nada.",
    ),
    (
        "The pack “{name}” is loaded.",
        "El paquete “{name}” está cargado.",
    ),
    (
        "The stored PIN could not be read, so no PIN can be checked. Use the recovery code to unlock.",
        "No se pudo leer el PIN guardado, así que no se puede comprobar ningún PIN. Use el código de recuperación para desbloquear.",
    ),
    (
        "The stored PIN could not be read. Enter the recovery code to set a new PIN.",
        "No se pudo leer el PIN guardado. Escriba el código de recuperación para configurar un PIN nuevo.",
    ),
    (
        "The stored PIN could not be read. Set a new one with the recovery code.",
        "No se pudo leer el PIN guardado. Configure uno nuevo con el código de recuperación.",
    ),
    (
        "The stored pack cannot be used ({why}); Attune's own wording is used until a pack is loaded again.",
        "No se puede usar el paquete guardado ({why}); se usan los textos propios de Attune hasta que se vuelva a cargar un paquete.",
    ),
    (
        "The stored recovery code cannot be used ({error}).",
        "No se puede usar el código de recuperación guardado ({error}).",
    ),
    (
        "The two PINs differ.",
        "Los dos PIN son distintos.",
    ),
    (
        "The two PINs do not match.",
        "Los dos PIN no coinciden.",
    ),
    (
        "Their clients, their alliance and their outcomes are then read apart, and a client's history says who saw each session.",
        "Así, sus clientes, su alianza y sus resultados se leen por separado, y el historial de un cliente indica quién atendió cada sesión.",
    ),
    (
        "Therapist",
        "Terapeuta",
    ),
    (
        "Therapist PIN",
        "PIN del terapeuta",
    ),
    (
        "Therapist working now",
        "Terapeuta que atiende ahora",
    ),
    (
        "Therapist's name",
        "Nombre del terapeuta",
    ),
    (
        "Therapist: skip {name}",
        "Terapeuta: omitir a {name}",
    ),
    (
        "Therapist: unlock",
        "Terapeuta: desbloquear",
    ),
    (
        "Therapists",
        "Terapeutas",
    ),
    (
        "Too many wrong PINs. {wait}.",
        "Demasiados PIN incorrectos. {wait}.",
    ),
    (
        "Too many wrong PINs. {wait}. Forgot the PIN? Use the recovery code.",
        "Demasiados PIN incorrectos. {wait}. ¿Olvidó el PIN? Use el código de recuperación.",
    ),
    (
        "Transfer",
        "Transferir",
    ),
    (
        "Transfer to",
        "Transferir a",
    ),
    (
        "Try again in {m} min",
        "Inténtelo de nuevo en {m} min",
    ),
    (
        "Try again in {m} min {s} s",
        "Inténtelo de nuevo en {m} min {s} s",
    ),
    (
        "Try again in {s} s",
        "Inténtelo de nuevo en {s} s",
    ),
    (
        "Unlock",
        "Desbloquear",
    ),
    (
        "Unlock with the code",
        "Desbloquear con el código",
    ),
    (
        "Use 0 (never) or {min} to {max} seconds.",
        "Use 0 (nunca) o de {min} a {max} segundos.",
    ),
    (
        "Use nominal size",
        "Usar el tamaño nominal",
    ),
    (
        "Use the PIN instead",
        "Usar el PIN",
    ),
    (
        "Use the recovery code",
        "Usar el código de recuperación",
    ),
    (
        "Whose clients",
        "Clientes de",
    ),
    (
        "Wording for every client without a language of their own",
        "Textos para todos los clientes sin idioma propio",
    ),
    (
        "Wording pack",
        "Paquete de textos",
    ),
    (
        "Write this code down now and keep it somewhere safe, away from this device. ",
        "Anote este código ahora y guárdelo en un lugar seguro, lejos de este dispositivo. ",
    ),
    (
        "Wrong PIN.",
        "PIN incorrecto.",
    ),
    (
        "Wrong PIN. {wait}.",
        "PIN incorrecto. {wait}.",
    ),
    (
        "Your recovery code",
        "Su código de recuperación",
    ),
    (
        "a recovery code has {chars} letters and digits; this has {n}",
        "un código de recuperación tiene {chars} letras y dígitos; este tiene {n}",
    ),
    (
        "neither caseload holds this client",
        "ninguno de los dos casos a cargo tiene a este cliente",
    ),
    (
        "or use the arrow keys (Shift for bigger steps), until the outline matches the card exactly.",
        "o use las teclas de flecha (Mayús para pasos más grandes), hasta que el contorno coincida exactamente con la tarjeta.",
    ),
    (
        "the PIN can have at most {n} digits",
        "el PIN puede tener como máximo {n} dígitos",
    ),
    (
        "the PIN can only contain the digits 0 to 9",
        "el PIN solo puede contener los dígitos del 0 al 9",
    ),
    (
        "the PIN needs at least {n} digits",
        "el PIN necesita al menos {n} dígitos",
    ),
    (
        "the client is already in that caseload",
        "el cliente ya está en esos casos a cargo",
    ),
    (
        "the record \"{id}\" has unsettled copies; sync, then try again",
        "el registro \"{id}\" tiene copias sin resolver; sincronice e inténtelo de nuevo",
    ),
    (
        "this device does not hold one of the two caseloads",
        "este dispositivo no tiene uno de los dos casos a cargo",
    ),
    (
        "{language}, Attune's own wording",
        "{language}, textos propios de Attune",
    ),
    (
        "{name} added, with the {n} client already on this device.",
        "Se agregó a {name}, con {n} cliente que ya estaba en este dispositivo.",
    ),
    (
        "{name} added, with the {n} clients already on this device.",
        "Se agregó a {name}, con los {n} clientes que ya estaban en este dispositivo.",
    ),
    (
        "{name} added.",
        "Se agregó a {name}.",
    ),
    (
        "{name}'s PIN saved.",
        "PIN de {name} guardado.",
    ),
    (
        "{name}'s current PIN, or the device PIN",
        "PIN actual de {name} o el PIN del dispositivo",
    ),
    (
        "{name}'s own PIN (4 to 8 digits)",
        "PIN propio de {name} (de 4 a 8 dígitos)",
    ),
    (
        "{px} pixels wide",
        "{px} píxeles de ancho",
    ),
    (
        "{tag}: not on this device, English is shown",
        "{tag}: no está en este dispositivo, se muestra en inglés",
    ),
    (
        "“{c}” does not appear in recovery codes",
        "“{c}” no aparece en los códigos de recuperación",
    ),
    (
        "“{name}” is too long to name a caseload on the clinic server once its letters outside a–z are spelled out; use a shorter name or initials.",
        "“{name}” es demasiado largo para nombrar unos casos a cargo en el servidor de la clínica una vez deletreadas sus letras fuera de a–z; use un nombre más corto o iniciales.",
    ),
    (
        "Add a client",
        "Agregar un cliente",
    ),
    (
        "Calibrate the line",
        "Calibrar la línea",
    ),
    (
        "Make a first backup",
        "Hacer una primera copia de seguridad",
    ),
    (
        "Set a PIN",
        "Configurar un PIN",
    ),
    (
        "No backup yet: ratings live only in this browser. Download a backup.",
        "Todavía no hay copia de seguridad: las valoraciones solo están en este navegador. Descargue una copia de seguridad.",
    ),
    (
        "The last backup is {days} days old. Download a new one to keep recent ratings safe.",
        "La última copia de seguridad tiene {days} días. Descargue una nueva para proteger las valoraciones recientes.",
    ),
    (
        "Copying {records} into {whose} caseload databases…",
        "Copiando {records} en las bases de datos de casos a cargo de {whose}…",
    ),
    (
        "Copying {records} into {whose} caseload database…",
        "Copiando {records} en la base de datos de casos a cargo de {whose}…",
    ),
    (
        "Every moved record is in its caseload database, checked by count and checksum, and closed in the clinic database; but the clinic database changed during the move: it keeps {found} where {expected} should stay. Stop sync on every other device, then run the move again: it takes the clinic database as it is then.",
        "Cada registro trasladado está en la base de datos de sus casos a cargo, comprobado por cantidad y suma de verificación, y cerrado en la base de datos de la clínica; pero la base de datos de la clínica cambió durante el traslado: conserva {found} donde deberían quedar {expected}. Detenga la sincronización en todos los demás dispositivos y vuelva a ejecutar el traslado: tomará la base de datos de la clínica tal como esté entonces.",
    ),
    (
        "Name the clinic's therapists on this tablet first (Settings → Therapists): the tablet sends each rating to the therapist who handed it over.",
        "Primero nombre a los terapeutas de la clínica en esta tableta (Configuración → Terapeutas): la tableta envía cada valoración al terapeuta que la entregó.",
    ),
    (
        "Nothing to move: no record in the clinic database belongs to a therapist's client ({records} there). Give each client a therapist on this device (the client's page, Therapist), then run the move again.",
        "No hay nada que trasladar: ningún registro de la base de datos de la clínica pertenece al cliente de un terapeuta ({records} allí). Asigne un terapeuta a cada cliente en este dispositivo (la página del cliente, Terapeuta) y vuelva a ejecutar el traslado.",
    ),
    (
        "Nothing was moved: {whose} caseload is not joined on this device. Name each of them in Settings → Therapists, turn sync off and on again to join, then run the move again.",
        "No se trasladó nada: este dispositivo no se ha unido a los casos a cargo de {whose}. Nombre a cada terapeuta en Configuración → Terapeutas, desactive la sincronización y vuelva a activarla para unirse, y luego ejecute de nuevo el traslado.",
    ),
    (
        "Nothing was moved: {whose} caseloads are not joined on this device. Name each of them in Settings → Therapists, turn sync off and on again to join, then run the move again.",
        "No se trasladó nada: este dispositivo no se ha unido a los casos a cargo de {whose}. Nombre a cada terapeuta en Configuración → Terapeutas, desactive la sincronización y vuelva a activarla para unirse, y luego ejecute de nuevo el traslado.",
    ),
    (
        "The move is done: {moved}, each checked by count and checksum. Every record of the clinic database moved, and each is closed there.",
        "El traslado terminó: {moved}, cada una comprobada por cantidad y suma de verificación. Todos los registros de la base de datos de la clínica se trasladaron y cada uno quedó cerrado allí.",
    ),
    (
        "The move is done: {moved}, each checked by count and checksum. The clinic database keeps {records} with no therapist; the moved ones are closed there.",
        "El traslado terminó: {moved}, cada una comprobada por cantidad y suma de verificación. La base de datos de la clínica conserva {records} sin terapeuta; los trasladados quedaron cerrados allí.",
    ),
    (
        "The move stopped with nothing closed in the clinic database: {problems}. Every record is still in the clinic database; set this right on the server, then run the move again.",
        "El traslado se detuvo sin cerrar nada en la base de datos de la clínica: {problems}. Todos los registros siguen en la base de datos de la clínica; corrija esto en el servidor y vuelva a ejecutar el traslado.",
    ),
    (
        "the clinic",
        "la clínica",
    ),
    (
        "the clinic database keeps {found} where {expected} should stay",
        "la base de datos de la clínica conserva {found} donde deberían quedar {expected}",
    ),
    (
        "the record \"{id}\" changed during the move; stop every device's sync, then start the move again",
        "el registro \"{id}\" cambió durante el traslado; detenga la sincronización de todos los dispositivos y vuelva a iniciar el traslado",
    ),
    (
        "the record \"{id}\" could not be read or has unsettled copies; sync, then try again",
        "no se pudo leer el registro \"{id}\" o tiene copias sin resolver; sincronice e inténtelo de nuevo",
    ),
    (
        "the record \"{id}\" is no longer in the clinic's database nor in its caseload's",
        "el registro \"{id}\" ya no está ni en la base de datos de la clínica ni en la de sus casos a cargo",
    ),
    (
        "the record {id} is also in {whose} caseload database, not only its own",
        "el registro {id} también está en la base de datos de casos a cargo de {whose}, no solo en la suya",
    ),
    (
        "{names} and {last}",
        "{names} y {last}",
    ),
    (
        "{name} has no key in the clinic inbox yet: turn sync on on {name}'s own device first, then set this tablet up again.",
        "{name} todavía no tiene clave en la bandeja de entrada de la clínica: primero active la sincronización en el propio dispositivo de {name} y luego vuelva a configurar esta tableta.",
    ),
    (
        "{name}'s",
        "{name}",
    ),
    (
        "{name}'s key in the clinic inbox cannot be used ({why}); nothing was set up.",
        "No se puede usar la clave de {name} en la bandeja de entrada de la clínica ({why}); no se configuró nada.",
    ),
    (
        "{n} record",
        "{n} registro",
    ),
    (
        "{n} records",
        "{n} registros",
    ),
    (
        "{whose} caseload database holds {found} where {expected} were expected",
        "la base de datos de casos a cargo de {whose} contiene {found} donde se esperaban {expected}",
    ),
    (
        "{whose} caseload database holds {id}, which the move did not put there",
        "la base de datos de casos a cargo de {whose} contiene {id}, que el traslado no puso allí",
    ),
    (
        "{whose} caseload database holds {records}",
        "la base de datos de casos a cargo de {whose} contiene {records}",
    ),
    (
        "{whose} caseload database holds {records} as expected, but their contents differ",
        "la base de datos de casos a cargo de {whose} contiene {records}, como se esperaba, pero su contenido es distinto",
    ),
    (
        "{whose} checked by count and checksum; closing the {records} moved in the clinic database…",
        "Casos a cargo de {whose} comprobados por cantidad y suma de verificación; cerrando {records} trasladados en la base de datos de la clínica…",
    ),
    (
        "{why}. Nothing more was closed in the clinic database.",
        "{why}. No se cerró nada más en la base de datos de la clínica.",
    ),
    (
        "\"{tag}\" is not a language tag (like \"es\", \"es-419\" or \"pt-BR\")",
        "\"{tag}\" no es una etiqueta de idioma (como \"es\", \"es-419\" o \"pt-BR\")",
    ),
    (
        "Attune has no measure \"{id}\"",
        "Attune no tiene ninguna medida \"{id}\"",
    ),
    (
        "Attune has no message \"{key}\"",
        "Attune no tiene ningún mensaje \"{key}\"",
    ),
    (
        "a pack holds from 1 to {max} languages, this one {n}",
        "un paquete contiene de 1 a {max} idiomas; este, {n}",
    ),
    (
        "child ORS",
        "ORS infantil",
    ),
    (
        "child SRS",
        "SRS infantil",
    ),
    (
        "group SRS",
        "SRS grupal",
    ),
    (
        "heading",
        "encabezado",
    ),
    (
        "intro",
        "introducción",
    ),
    (
        "item {n} ({id})",
        "ítem {n} ({id})",
    ),
    (
        "language {n}",
        "idioma {n}",
    ),
    (
        "language {n} ({tag})",
        "idioma {n} ({tag})",
    ),
    (
        "left end",
        "extremo izquierdo",
    ),
    (
        "measure {id}",
        "medida {id}",
    ),
    (
        "messages",
        "mensajes",
    ),
    (
        "name",
        "nombre",
    ),
    (
        "read aloud",
        "lectura en voz alta",
    ),
    (
        "right end",
        "extremo derecho",
    ),
    (
        "the file is not UTF-8 text; save it as UTF-8 and load it again",
        "el archivo no es texto UTF-8; guárdelo como UTF-8 y vuelva a cargarlo",
    ),
    (
        "the file is {size} KB; a wording pack may be at most {max} KB",
        "el archivo tiene {size} KB; un paquete de textos puede tener como máximo {max} KB",
    ),
    (
        "the id must be letters, digits, \"-\", \"_\" or \".\" (and not empty)",
        "el id debe tener letras, dígitos, \"-\", \"_\" o \".\" (y no estar vacío)",
    ),
    (
        "the items must be {expected} in this order; the pack has none",
        "los ítems deben ser {expected} en este orden; el paquete no tiene ninguno",
    ),
    (
        "the items must be {expected} in this order; the pack has {found}",
        "los ítems deben ser {expected} en este orden; el paquete tiene {found}",
    ),
    (
        "the language \"{tag}\" appears twice",
        "el idioma \"{tag}\" aparece dos veces",
    ),
    (
        "the measure \"{id}\" is missing",
        "falta la medida \"{id}\"",
    ),
    (
        "the message \"{key}\" is missing (a language gives all of the form's messages or none)",
        "falta el mensaje \"{key}\" (un idioma da todos los mensajes del formulario o ninguno)",
    ),
    (
        "the text holds \"<\" or \">\"; packs hold plain words, not markup",
        "el texto contiene \"<\" o \">\"; los paquetes contienen solo palabras, no marcado",
    ),
    (
        "the text holds \"{open}\" or \"{close}\", which mark only where a number goes",
        "el texto contiene \"{open}\" o \"{close}\", que solo marcan dónde va un número",
    ),
    (
        "the text holds a line break, a tab or another control character",
        "el texto contiene un salto de línea, una tabulación u otro carácter de control",
    ),
    (
        "the text is empty",
        "el texto está vacío",
    ),
    (
        "the text is {len} characters long; at most {max} fit",
        "el texto tiene {len} caracteres; caben como máximo {max}",
    ),
    (
        "the text must hold {placeholder} once, where the number goes",
        "el texto debe contener {placeholder} una vez, donde va el número",
    ),
    (
        "the version must be a whole number from 1",
        "la versión debe ser un número entero a partir de 1",
    ),
    (
        "this file is not a wording pack (its \"format\" is not \"{format}\")",
        "este archivo no es un paquete de textos (su \"format\" no es \"{format}\")",
    ),
    (
        "this is not a wording pack of the expected shape ({why})",
        "esto no es un paquete de textos con la forma esperada ({why})",
    ),
    (
        "this pack is in format {v}, made for a newer Attune; this one reads format {ours}",
        "este paquete está en el formato {v}, hecho para un Attune más reciente; este lee el formato {ours}",
    ),
    (
        "title",
        "título",
    ),
    (
        "under 1 %",
        "menos de 1 %",
    ),
    (
        "under 0.1 {unit}",
        "menos de 0.1 {unit}",
    ),
    (
        "Please pass the tablet to {name}",
        "Por favor, pase la tableta a {name}",
    ),
    (
        "When you are ready, tap Start: a blank form is waiting. No one else's marks are shown.",
        "Cuando esté listo, toque Comenzar: lo espera un formulario en blanco. No se muestran las marcas de nadie más.",
    ),
    (
        "Thank you, everyone.",
        "Gracias a todos.",
    ),
    (
        "Please hand the tablet back to the therapist.",
        "Por favor, devuelva la tableta al terapeuta.",
    ),
    (
        "Thank you",
        "Gracias",
    ),
    (
        "Please hand the device back to your therapist.",
        "Por favor, devuelva el dispositivo a su terapeuta.",
    ),
    ("the card outline has no usable width", "el contorno de la tarjeta no tiene un ancho utilizable"),
    (
        "that card width gives {density} px per mm, outside the range a real screen gives ({min}–{max}); match the outline to a bank card and try again",
        "ese ancho de tarjeta da {density} px por mm, fuera del rango de una pantalla real ({min}–{max}); ajuste el contorno a una tarjeta bancaria e intente de nuevo",
    ),
];
