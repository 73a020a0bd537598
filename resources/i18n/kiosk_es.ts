<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="es_ES">
<context>
    <name>AccessibilityToggles</name>
    <message>
        <location filename="../../kiosk_app/accessibility.py" line="274" />
        <source>High contrast</source>
        <extracomment>The smallest touch target, edge to edge (common kiosk and ISO 9241-9 guidance: 15–20 mm). The density the stylesheets are designed at, and the one assumed when a screen does not report its physical size (Qt's logical default). Large-text mode multiplies every stylesheet font size by this. The properties whose pixel lengths are font sizes (what large-text mode scales). A pixel length in a stylesheet: ``22px``, ``1.5px``, ``-2px`` (not part of a longer name). The pictures stand still (no animation). Emitted after the modes changed and the new stylesheet is applied.</extracomment>
        <translation>Alto contraste</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/accessibility.py" line="275" />
        <source>Large text</source>
        <translation>Texto grande</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/accessibility.py" line="276" />
        <source>Reduce motion</source>
        <translation>Reducir movimiento</translation>
    </message>
</context>
<context>
    <name>ConfirmScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="261" />
        <source>Please check your order</source>
        <extracomment>Column headings, made once (the rows below are remade for each basket).</extracomment>
        <translation>Compruebe su pedido</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="262" />
        <source>Add another certificate</source>
        <translation>Añadir otro certificado</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="263" />
        <source>Confirm and pay</source>
        <translation>Confirmar y pagar</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="282" />
        <source>Certificate</source>
        <translation>Certificado</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="282" />
        <source>Copies</source>
        <translation>Copias</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="282" />
        <source>Fee</source>
        <translation>Tarifa</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="295" />
        <source>{n} copies</source>
        <translation>{n} copias</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="299" />
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="313" />
        <source>Total: {amount}</source>
        <translation>Total: {amount}</translation>
    </message>
</context>
<context>
    <name>CopiesScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="210" />
        <source>How many copies?</source>
        <translation>¿Cuántas copias?</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="211" />
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="212" />
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="219" />
        <source>{n} copies</source>
        <translation>{n} copias</translation>
    </message>
</context>
<context>
    <name>FieldScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="94" />
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="95" />
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="103" />
        <source>本籍: lot number (番地)</source>
        <translation>本籍: número de lote (番地)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="103" />
        <source>e.g. 12-3</source>
        <translation>p. ej., 12-3</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="105" />
        <source>Reading of the 筆頭者's name (フリガナ)</source>
        <translation>Lectura del nombre del 筆頭者 (フリガナ)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="106" />
        <source>In katakana, e.g. カソウ　タロウ</source>
        <translation>En katakana, p. ej., カソウ　タロウ</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="108" />
        <source>Phone number</source>
        <translation>Número de teléfono</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="108" />
        <source>Digits only, e.g. 0312345678</source>
        <translation>Solo números, p. ej., 0312345678</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="109" />
        <source>Date of birth</source>
        <translation>Fecha de nacimiento</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="109" />
        <source>YYYYMMDD, e.g. 19800401</source>
        <translation>AAAAMMDD, p. ej., 19800401</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="111" />
        <source>Card expiry date</source>
        <translation>Fecha de caducidad de la tarjeta</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="112" />
        <source>YYYYMMDD, as printed on the card</source>
        <translation>AAAAMMDD, como figura en la tarjeta</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="115" />
        <source>Card security code</source>
        <translation>Código de seguridad de la tarjeta</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="116" />
        <source>The 4 digits printed on the front of the card</source>
        <translation>Los 4 dígitos impresos en el anverso de la tarjeta</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="122" />
        <source>Please check this entry.</source>
        <translation>Revise este dato.</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="148" />
        <source>Starting… please wait a moment.</source>
        <extracomment>The person chose to get certificates (証明書の交付). The person chose the usage registration for a 本籍 in this city (利用登録申請). The person chose to check a registration's status by its number. The person picked a language, with its code.</extracomment>
        <translation>Iniciando… espere un momento.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="149" />
        <source>Out of service. Please use the city office window.</source>
        <translation>Fuera de servicio. Acuda a la ventanilla del ayuntamiento.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="155" />
        <source>Service resumes {when}.</source>
        <translation>El servicio se reanuda el {when}.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="164" />
        <source>Certificates: out of service
(no connection to the center)</source>
        <translation>Certificados: fuera de servicio
(sin conexión con el centro)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="166" />
        <source>Certificates: out of service
(payments cannot be recorded)</source>
        <translation>Certificados: fuera de servicio
(no se pueden registrar los pagos)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="168" />
        <source>Certificates: out of service
(coin machine not working)</source>
        <translation>Certificados: fuera de servicio
(máquina de monedas averiada)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="170" />
        <source>Certificates: out of service
(printer out of paper)</source>
        <translation>Certificados: fuera de servicio
(impresora sin papel)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="171" />
        <source>Certificates: out of service
(printer not working)</source>
        <translation>Certificados: fuera de servicio
(impresora averiada)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="175" />
        <source>Closed today (year-end holidays or a closed day).</source>
        <translation>Cerrado hoy (fiestas de fin de año o día de cierre).</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="176" />
        <source>Closed today for maintenance.</source>
        <translation>Cerrado hoy por mantenimiento.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="177" />
        <source>Outside service hours.</source>
        <translation>Fuera del horario de servicio.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="178" />
        <source>Certificates are not offered at this kiosk.</source>
        <translation>Este quiosco no emite certificados.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="189" />
        <source>{city} Certificate Kiosk</source>
        <translation>Quiosco de certificados de {city}</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="190" />
        <source>Please choose a service</source>
        <translation>Elija un servicio</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="162" />
        <source>Get certificates
(My Number Card)</source>
        <translation>Obtener certificados
(Tarjeta My Number)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="191" />
        <source>Register to use
(本籍 in this city)</source>
        <translation>Registro de uso
(本籍 en esta ciudad)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="192" />
        <source>Check registration status</source>
        <translation>Consultar la solicitud</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="196" />
        <source>Please take your card, certificates and receipt with you. Personal data is erased when this screen returns.</source>
        <translation>No olvide su tarjeta, los certificados y el recibo. Los datos personales se borran al volver a esta pantalla.</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <location filename="../../kiosk_app/screens/widgets.py" line="97" />
        <source>Clear</source>
        <extracomment>The keypad's usual digit order: 1–9 on the grid, 0 below 8. A key was pressed, with its character. The correction key. The clear key.</extracomment>
        <translation>Borrar</translation>
    </message>
</context>
<context>
    <name>MenuScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="50" />
        <source>Choose a certificate</source>
        <translation>Elija un certificado</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="58" />
        <source>{city}: choose a certificate</source>
        <translation>{city}: elija un certificado</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="67" />
        <source>{fee} per copy</source>
        <translation>{fee} por copia</translation>
    </message>
</context>
<context>
    <name>MessageScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="70" />
        <source>Place your My Number Card</source>
        <translation>Coloque su tarjeta My Number</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="71" />
        <source>Put the card on the reader and leave it there until asked.</source>
        <translation>Coloque la tarjeta en el lector y déjela allí hasta que se le indique.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="73" />
        <source>Reading the card…</source>
        <translation>Leyendo la tarjeta…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="73" />
        <location filename="../../kiosk_app/screens/common.py" line="76" />
        <source>Do not move the card.</source>
        <translation>No mueva la tarjeta.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="75" />
        <source>Checking with the city…</source>
        <translation>Consultando con el ayuntamiento…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="79" />
        <source>Please remove your card</source>
        <translation>Retire su tarjeta</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="80" />
        <source>Take your My Number Card from the reader now.</source>
        <translation>Retire ahora su tarjeta My Number del lector.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="83" />
        <source>Preparing your certificates…</source>
        <translation>Preparando sus certificados…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="64" />
        <location filename="../../kiosk_app/screens/common.py" line="67" />
        <location filename="../../kiosk_app/screens/common.py" line="84" />
        <location filename="../../kiosk_app/screens/common.py" line="86" />
        <location filename="../../kiosk_app/screens/common.py" line="87" />
        <location filename="../../kiosk_app/screens/common.py" line="88" />
        <source>Please wait.</source>
        <translation>Espere, por favor.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="66" />
        <source>Getting the list of municipalities…</source>
        <translation>Obteniendo la lista de municipios…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="86" />
        <source>Printing the receipt…</source>
        <translation>Imprimiendo el recibo…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="87" />
        <source>Sending your application…</source>
        <translation>Enviando su solicitud…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="64" />
        <location filename="../../kiosk_app/screens/common.py" line="88" />
        <source>Checking…</source>
        <extracomment>The picture of each waiting step that asks for or concerns a physical action. Waits on the server or a printer: a bar fills towards the step's time-out (the longest wait).</extracomment>
        <translation>Comprobando…</translation>
    </message>
</context>
<context>
    <name>NoticeScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="203" />
        <source>Notice</source>
        <translation>Aviso</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="204" />
        <source>OK</source>
        <translation>Aceptar</translation>
    </message>
</context>
<context>
    <name>OptionsScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="110" />
        <source>Choose what the certificate shows</source>
        <translation>Elija lo que muestra el certificado</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="111" />
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="112" />
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="165" />
        <source>Choose the persons to certify</source>
        <translation>Elija las personas que se certifican</translation>
    </message>
</context>
<context>
    <name>PayScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="343" />
        <source>Please insert coins</source>
        <translation>Introduzca las monedas</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="350" />
        <source>Amount due: {a}</source>
        <translation>Importe a pagar: {a}</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="351" />
        <source>Inserted: {a}</source>
        <translation>Introducido: {a}</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="353" />
        <source>Remaining: {a}</source>
        <translation>Falta: {a}</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="358" />
        <source>Returning your coins…</source>
        <translation>Devolviendo sus monedas…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="360" />
        <source>10, 50, 100 and 500 yen coins. Change is given at the end.</source>
        <translation>Monedas de 10, 50, 100 y 500 yenes. El cambio se entrega al final.</translation>
    </message>
</context>
<context>
    <name>PinScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="151" />
        <source>Enter your 4-digit PIN (利用者証明用)</source>
        <extracomment>The PIN entry (tries left) the keypad was last shuffled for; reset on every return home.</extracomment>
        <translation>Introduzca su PIN de 4 dígitos (利用者証明用)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="152" />
        <source>OK</source>
        <translation>Aceptar</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="168" />
        <source>Tries left: {n}</source>
        <translation>Intentos restantes: {n}</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="175" />
        <source>Last try: a wrong PIN now locks the card until the city office resets it.</source>
        <translation>Último intento: un PIN incorrecto bloqueará la tarjeta hasta que el ayuntamiento la desbloquee.</translation>
    </message>
</context>
<context>
    <name>PlaceListScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/routing.py" line="67" />
        <source>本籍地: choose the municipality</source>
        <translation>本籍地: elija el municipio</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/routing.py" line="69" />
        <source>本籍地: choose the prefecture</source>
        <translation>本籍地: elija la prefectura</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/routing.py" line="71" />
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
</context>
<context>
    <name>PrintScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="382" />
        <source>Printing your certificates…</source>
        <translation>Imprimiendo sus certificados…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="392" />
        <source>Sheet {done} of {total}</source>
        <translation>Hoja {done} de {total}</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="394" />
        <source>Starting the printer…</source>
        <translation>Iniciando la impresora…</translation>
    </message>
</context>
<context>
    <name>RegistrationConfirmScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="159" />
        <source>Please check your application</source>
        <translation>Compruebe su solicitud</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="160" />
        <source>Send the application</source>
        <translation>Enviar la solicitud</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="168" />
        <source>本籍</source>
        <translation>本籍 (domicilio del registro familiar)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="169" />
        <source>筆頭者 (reading)</source>
        <translation>筆頭者 (lectura)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="170" />
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="171" />
        <source>Date of birth</source>
        <translation>Fecha de nacimiento</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="172" />
        <source>Card expiry date</source>
        <translation>Fecha de caducidad de la tarjeta</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="173" />
        <source>Security code</source>
        <translation>Código de seguridad</translation>
    </message>
</context>
<context>
    <name>RegistrationDoneScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="198" />
        <source>Application received</source>
        <translation>Solicitud recibida</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="201" />
        <source>Keep this application number (申請番号) to check the status. Approval takes 1–3 business days.</source>
        <translation>Guarde este número de solicitud (申請番号) para consultar el estado. La aprobación tarda de 1 a 3 días hábiles.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="205" />
        <source>Print the number</source>
        <translation>Imprimir el número</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="206" />
        <source>Done</source>
        <translation>Terminar</translation>
    </message>
</context>
<context>
    <name>RouteScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/routing.py" line="37" />
        <source>Which municipality's certificates?</source>
        <translation>¿Certificados de qué municipio?</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/routing.py" line="39" />
        <source>Your card tells where you live; a 本籍地 elsewhere needs a registration.</source>
        <translation>La tarjeta indica dónde vive; un 本籍地 en otro lugar requiere registro previo.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/routing.py" line="41" />
        <source>Where I live (住所地)</source>
        <translation>Donde vivo (住所地)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/routing.py" line="42" />
        <source>My 本籍地 in another municipality</source>
        <translation>Mi 本籍地 en otro municipio</translation>
    </message>
</context>
<context>
    <name>Screen</name>
    <message>
        <location filename="../../kiosk_app/screens/base.py" line="157" />
        <source>Do you need more time?</source>
        <extracomment>How often the more-time countdown is redrawn while shown. The voice says how little time is left once, at this many seconds. The screen's stable objectName (for scripted test runs). Milliseconds before the session times out (the window gives its inactivity timer's).</extracomment>
        <translation>¿Necesita más tiempo?</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/base.py" line="158" />
        <source>More time</source>
        <translation>Más tiempo</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/base.py" line="159" />
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/base.py" line="160" />
        <source>Stop voice</source>
        <translation>Detener voz</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/base.py" line="182" />
        <source>{n} s left</source>
        <translation>Quedan {n} s</translation>
    </message>
</context>
<context>
    <name>StatusEntryScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/status.py" line="39" />
        <source>Enter your application number (申請番号)</source>
        <translation>Introduzca el número de solicitud (申請番号)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/status.py" line="40" />
        <source>Check</source>
        <translation>Consultar</translation>
    </message>
</context>
<context>
    <name>StatusResultScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/status.py" line="71" />
        <source>Application status</source>
        <translation>Estado de la solicitud</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/status.py" line="72" />
        <source>Done</source>
        <translation>Terminar</translation>
    </message>
</context>
<context>
    <name>StepIndicator</name>
    <message>
        <location filename="../../kiosk_app/screens/step_indicator.py" line="31" />
        <source>Details</source>
        <translation>Datos</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/step_indicator.py" line="32" />
        <source>Card</source>
        <translation>Tarjeta</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/step_indicator.py" line="33" />
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/step_indicator.py" line="34" />
        <source>Choose</source>
        <translation>Elegir</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/step_indicator.py" line="35" />
        <source>Confirm</source>
        <translation>Confirmar</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/step_indicator.py" line="36" />
        <source>Payment</source>
        <translation>Pago</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/step_indicator.py" line="37" />
        <source>Printing</source>
        <translation>Impresión</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/step_indicator.py" line="38" />
        <source>Complete</source>
        <translation>Listo</translation>
    </message>
</context>
<context>
    <name>TakeItemsScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="421" />
        <source>Please take your certificates and receipt</source>
        <translation>Retire sus certificados y el recibo</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="422" />
        <source>I have taken them</source>
        <translation>Ya los he retirado</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="427" />
        <source>Certificates: A4 tray. Receipt: receipt slot.</source>
        <translation>Certificados: bandeja A4. Recibo: ranura de recibos.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="431" />
        <source>Your change: {a}</source>
        <translation>Su cambio: {a}</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="17" />
        <source>Certificate of residence (住民票の写し)</source>
        <translation>Certificado de residencia (住民票の写し)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="18" />
        <source>Seal registration certificate (印鑑登録証明書)</source>
        <translation>Certificado de registro de sello (印鑑登録証明書)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="19" />
        <source>Family register, all (戸籍全部事項証明書)</source>
        <translation>Registro familiar completo (戸籍全部事項証明書)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="21" />
        <source>Family register, one person (戸籍個人事項証明書)</source>
        <translation>Registro familiar de una persona (戸籍個人事項証明書)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="23" />
        <source>Koseki address record (戸籍の附票の写し)</source>
        <translation>Registro de domicilios del koseki (戸籍の附票の写し)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="30" />
        <source>Available from age 15. Please ask at the city office.</source>
        <translation>Disponible a partir de los 15 años. Consulte en el ayuntamiento.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="31" />
        <source>A move-out has been filed. Please ask at the city office.</source>
        <translation>Se ha registrado un traslado fuera de la ciudad. Consulte en el ayuntamiento.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="32" />
        <location filename="../../kiosk_app/screens/texts.py" line="33" />
        <source>Not available at the kiosk. Please ask at the city office.</source>
        <translation>No disponible en este quiosco. Consulte en el ayuntamiento.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="34" />
        <source>Your seal registration has ended (廃止).</source>
        <translation>Su registro de sello ha sido cancelado (廃止).</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="35" />
        <source>No seal is registered (印鑑登録がありません).</source>
        <translation>No hay ningún sello registrado (印鑑登録がありません).</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="37" />
        <source>Your 本籍 is in another municipality, so this kiosk cannot issue it. Please ask that municipality (by post or at its window) or the city office window.</source>
        <translation>Su 本籍 está en otro municipio, por lo que este quiosco no puede emitirlo. Solicítelo a ese municipio (por correo o en su ventanilla) o en la ventanilla del ayuntamiento.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="41" />
        <source>Your 本籍 is elsewhere: register to use first (利用登録申請).</source>
        <translation>Su 本籍 está en otro lugar: primero solicite el registro de uso (利用登録申請).</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="43" />
        <source>Outside service hours for this certificate.</source>
        <translation>Fuera del horario de servicio para este certificado.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="44" />
        <source>The service is closed today.</source>
        <translation>El servicio está cerrado hoy.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="46" />
        <source>Your card's certificate is revoked. Please ask at the city office.</source>
        <translation>El certificado de su tarjeta ha sido revocado. Consulte en el ayuntamiento.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="49" />
        <source>Your card's certificate has expired. Please renew it at the city office.</source>
        <translation>El certificado de su tarjeta ha caducado. Renuévelo en el ayuntamiento.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="51" />
        <source>The fee could not be confirmed. Nothing was charged.</source>
        <translation>No se pudo confirmar la tasa. No se ha cobrado nada.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="53" />
        <source>You live in this city: no registration is needed to get koseki certificates.</source>
        <translation>Usted vive en esta ciudad: no necesita registrarse para obtener certificados de koseki.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="56" />
        <source>The entries do not match your card. Please check the date of birth, the card's expiry date and security code.</source>
        <translation>Los datos no coinciden con su tarjeta. Compruebe la fecha de nacimiento, la fecha de caducidad y el código de seguridad de la tarjeta.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="59" />
        <source>You have already applied. Check its status.</source>
        <translation>Ya ha presentado la solicitud. Consulte su estado.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="60" />
        <source>This card is not known to the city. Please ask the city.</source>
        <translation>El ayuntamiento no conoce esta tarjeta. Consulte en el ayuntamiento.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="62" />
        <source>This municipality's service is not available now. Nothing was charged.</source>
        <translation>El servicio de este municipio no está disponible ahora. No se cobró nada.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="65" />
        <source>Your municipality does not offer certificates at stores. Nothing was charged.</source>
        <translation>Su municipio no emite certificados en tiendas. No se cobró nada.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="67" />
        <source>This municipality does not offer this service at stores.</source>
        <translation>Este municipio no ofrece este servicio en tiendas.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="69" />
        <source>Not available at the kiosk now.</source>
        <translation>No disponible en este quiosco en este momento.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="75" />
        <source>Cancelled. Nothing was charged.</source>
        <translation>Cancelado. No se ha cobrado nada.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="76" />
        <source>The session ended because no one was using it.</source>
        <translation>La sesión terminó porque nadie la estaba usando.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="77" />
        <source>The card was removed too early. Please start again.</source>
        <translation>La tarjeta se retiró demasiado pronto. Empiece de nuevo.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="79" />
        <source>This card cannot be read. Please use your My Number Card.</source>
        <translation>Esta tarjeta no se puede leer. Utilice su tarjeta My Number.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="81" />
        <source>The card could not be read. Please try again.</source>
        <translation>No se pudo leer la tarjeta. Inténtelo de nuevo.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="82" />
        <source>The PIN is wrong.</source>
        <translation>El PIN es incorrecto.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="84" />
        <source>The PIN is locked. Please have it reset at the city office window.</source>
        <translation>El PIN está bloqueado. Solicite el desbloqueo en la ventanilla del ayuntamiento.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="88" />
        <source>The city's server cannot be reached. Please try again later.</source>
        <translation>No se puede conectar con el servidor del ayuntamiento. Inténtelo más tarde.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="92" />
        <source>The printer ran out of paper. The fee for what was not printed is given back.</source>
        <translation>La impresora se quedó sin papel. Se devuelve la tasa de lo que no se imprimió.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="95" />
        <source>The printer failed. The fee for what was not printed is given back.</source>
        <translation>La impresora ha fallado. Se devuelve la tasa de lo que no se imprimió.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="98" />
        <source>The coin machine failed. Please take the refund slip to the city office.</source>
        <translation>La máquina de monedas ha fallado. Lleve el comprobante de reembolso al ayuntamiento.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="100" />
        <location filename="../../kiosk_app/screens/texts.py" line="184" />
        <source>No application with this number was found.</source>
        <translation>No se encontró ninguna solicitud con este número.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="106" />
        <source>The printer is out of paper, so certificates cannot be issued now. Nothing was charged. Please use the city office window.</source>
        <translation>La impresora no tiene papel, así que ahora no se pueden emitir certificados. No se cobró nada. Acuda a la ventanilla del ayuntamiento.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="110" />
        <source>The printer is not working, so certificates cannot be issued now. Nothing was charged. Please use the city office window.</source>
        <translation>La impresora no funciona, así que ahora no se pueden emitir certificados. No se cobró nada. Acuda a la ventanilla del ayuntamiento.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="114" />
        <source>Payments cannot be taken now, so certificates cannot be issued. Nothing was charged. Please use the city office window.</source>
        <translation>En este momento no se pueden recibir pagos, por lo que no se pueden emitir certificados. No se cobró nada. Acuda a la ventanilla del ayuntamiento.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="121" />
        <source>{yen} yen was returned: please take the coins.</source>
        <translation>Se han devuelto {yen} yenes: retire las monedas.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="126" />
        <source>Refund owed: {yen} yen. Please take the refund slip to the city office.</source>
        <translation>Reembolso pendiente: {yen} yenes. Lleve el comprobante de reembolso al ayuntamiento.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="129" />
        <source>Please take your card.</source>
        <translation>Retire su tarjeta.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="136" />
        <source>The printer ran out of paper.</source>
        <translation>La impresora se quedó sin papel.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="138" />
        <source>The printer failed.</source>
        <translation>La impresora ha fallado.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="144" />
        <source>{out} of {ordered} copies were printed. The fee of {out} copies, {kept} yen, is kept; {back} yen is given back.</source>
        <translation>Se imprimieron {out} de {ordered} copias. Se cobra la tasa de {out} copias, {kept} yenes; se devuelven {back} yenes.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="157" />
        <source>No copy was printed ({ordered} ordered). The whole fee, {back} yen, is given back.</source>
        <translation>No se imprimió ninguna copia ({ordered} pedidas). Se devuelve toda la tasa, {back} yenes.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="164" />
        <source>Whole household</source>
        <translation>Todo el hogar</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="165" />
        <source>Selected persons</source>
        <translation>Personas seleccionadas</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="166" />
        <source>Everyone on the record</source>
        <translation>Todos los del registro</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="167" />
        <source>With 本籍・筆頭者</source>
        <translation>Con 本籍・筆頭者</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="168" />
        <source>Without 本籍・筆頭者</source>
        <translation>Sin 本籍・筆頭者</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="169" />
        <source>With head of household</source>
        <translation>Con cabeza de familia</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="170" />
        <source>Without head of household</source>
        <translation>Sin cabeza de familia</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="171" />
        <source>With My Number</source>
        <translation>Con My Number</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="172" />
        <source>Without My Number</source>
        <translation>Sin My Number</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="173" />
        <source>With resident code</source>
        <translation>Con código de residente</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="174" />
        <source>Without resident code</source>
        <translation>Sin código de residente</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="181" />
        <source>Received: being checked (1–3 business days).</source>
        <translation>Recibida: en revisión (de 1 a 3 días hábiles).</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="182" />
        <source>Approved: you can now get koseki certificates.</source>
        <translation>Aprobada: ya puede obtener certificados de koseki.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="183" />
        <source>Not approved: the city will call you.</source>
        <translation>No aprobada: el ayuntamiento le llamará.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="190" />
        <source>{yen} yen</source>
        <translation>{yen} yenes</translation>
    </message>
</context>
<context>
    <name>TownScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="36" />
        <source>本籍: choose the town (町名)</source>
        <translation>本籍: elija el barrio (町名)</translation>
    </message>
</context>
</TS>