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
        "Unos casos a cargo nombrados en este dispositivo aún no se han unido; la frase de contraseña de la clínica los une.",
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
        "Frase de contraseña de la clínica, otra vez",
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
        "{n} valoración tomada sin ningún terapeuta atendiendo espera en esta tableta.",
    ),
    (
        "{n} ratings taken with no therapist working wait on this tablet.",
        "{n} valoraciones tomadas sin ningún terapeuta atendiendo esperan en esta tableta.",
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
];
