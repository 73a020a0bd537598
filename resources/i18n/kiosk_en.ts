<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>AccessibilityToggles</name>
    <message>
        <location filename="../../kiosk_app/accessibility.py" line="274" />
        <source>High contrast</source>
        <extracomment>The smallest touch target, edge to edge (common kiosk and ISO 9241-9 guidance: 15–20 mm). The density the stylesheets are designed at, and the one assumed when a screen does not report its physical size (Qt's logical default). Large-text mode multiplies every stylesheet font size by this. The properties whose pixel lengths are font sizes (what large-text mode scales). A pixel length in a stylesheet: ``22px``, ``1.5px``, ``-2px`` (not part of a longer name). The pictures stand still (no animation). Emitted after the modes changed and the new stylesheet is applied.</extracomment>
        <translation>High contrast</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/accessibility.py" line="275" />
        <source>Large text</source>
        <translation>Large text</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/accessibility.py" line="276" />
        <source>Reduce motion</source>
        <translation>Reduce motion</translation>
    </message>
</context>
<context>
    <name>ConfirmScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="261" />
        <source>Please check your order</source>
        <extracomment>Column headings, made once (the rows below are remade for each basket).</extracomment>
        <translation>Please check your order</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="262" />
        <source>Add another certificate</source>
        <translation>Add another certificate</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="263" />
        <source>Confirm and pay</source>
        <translation>Confirm and pay</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="282" />
        <source>Certificate</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="282" />
        <source>Copies</source>
        <translation>Copies</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="282" />
        <source>Fee</source>
        <translation>Fee</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="295" />
        <source>{n} copies</source>
        <translation>{n} copies</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="299" />
        <source>Remove</source>
        <translation>Remove</translation>
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
        <translation>How many copies?</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="211" />
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="212" />
        <source>Next</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="219" />
        <source>{n} copies</source>
        <translation>{n} copies</translation>
    </message>
</context>
<context>
    <name>FieldScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="94" />
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="95" />
        <source>Next</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="103" />
        <source>本籍: lot number (番地)</source>
        <translation>本籍: lot number (番地)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="103" />
        <source>e.g. 12-3</source>
        <translation>e.g. 12-3</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="105" />
        <source>Reading of the 筆頭者's name (フリガナ)</source>
        <translation>Reading of the 筆頭者's name (フリガナ)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="106" />
        <source>In katakana, e.g. カソウ　タロウ</source>
        <translation>In katakana, e.g. カソウ　タロウ</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="108" />
        <source>Phone number</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="108" />
        <source>Digits only, e.g. 0312345678</source>
        <translation>Digits only, e.g. 0312345678</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="109" />
        <source>Date of birth</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="109" />
        <source>YYYYMMDD, e.g. 19800401</source>
        <translation>YYYYMMDD, e.g. 19800401</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="111" />
        <source>Card expiry date</source>
        <translation>Card expiry date</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="112" />
        <source>YYYYMMDD, as printed on the card</source>
        <translation>YYYYMMDD, as printed on the card</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="115" />
        <source>Card security code</source>
        <translation>Card security code</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="116" />
        <source>The 4 digits printed on the front of the card</source>
        <translation>The 4 digits printed on the front of the card</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="122" />
        <source>Please check this entry.</source>
        <translation>Please check this entry.</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="148" />
        <source>Starting… please wait a moment.</source>
        <extracomment>The person chose to get certificates (証明書の交付). The person chose the usage registration for a 本籍 in this city (利用登録申請). The person chose to check a registration's status by its number. The person picked a language, with its code.</extracomment>
        <translation>Starting… please wait a moment.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="149" />
        <source>Out of service. Please use the city office window.</source>
        <translation>Out of service. Please use the city office window.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="155" />
        <source>Service resumes {when}.</source>
        <translation>Service resumes {when}.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="164" />
        <source>Certificates: out of service
(no connection to the center)</source>
        <translation>Certificates: out of service
(no connection to the center)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="166" />
        <source>Certificates: out of service
(payments cannot be recorded)</source>
        <translation>Certificates: out of service
(payments cannot be recorded)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="168" />
        <source>Certificates: out of service
(coin machine not working)</source>
        <translation>Certificates: out of service
(coin machine not working)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="170" />
        <source>Certificates: out of service
(printer out of paper)</source>
        <translation>Certificates: out of service
(printer out of paper)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="171" />
        <source>Certificates: out of service
(printer not working)</source>
        <translation>Certificates: out of service
(printer not working)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="175" />
        <source>Closed today (year-end holidays or a closed day).</source>
        <translation>Closed today (year-end holidays or a closed day).</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="176" />
        <source>Closed today for maintenance.</source>
        <translation>Closed today for maintenance.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="177" />
        <source>Outside service hours.</source>
        <translation>Outside service hours.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="178" />
        <source>Certificates are not offered at this kiosk.</source>
        <translation>Certificates are not offered at this kiosk.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="189" />
        <source>{city} Certificate Kiosk</source>
        <translation>{city} Certificate Kiosk</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="190" />
        <source>Please choose a service</source>
        <translation>Please choose a service</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="162" />
        <source>Get certificates
(My Number Card)</source>
        <translation>Get certificates
(My Number Card)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="191" />
        <source>Register to use
(本籍 in this city)</source>
        <translation>Register to use
(本籍 in this city)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="192" />
        <source>Check registration status</source>
        <translation>Check registration status</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="196" />
        <source>Please take your card, certificates and receipt with you. Personal data is erased when this screen returns.</source>
        <translation>Please take your card, certificates and receipt with you. Personal data is erased when this screen returns.</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <location filename="../../kiosk_app/screens/widgets.py" line="97" />
        <source>Clear</source>
        <extracomment>The keypad's usual digit order: 1–9 on the grid, 0 below 8. A key was pressed, with its character. The correction key. The clear key.</extracomment>
        <translation>Clear</translation>
    </message>
</context>
<context>
    <name>MenuScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="50" />
        <source>Choose a certificate</source>
        <translation>Choose a certificate</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="58" />
        <source>{city}: choose a certificate</source>
        <translation>{city}: choose a certificate</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="67" />
        <source>{fee} per copy</source>
        <translation>{fee} per copy</translation>
    </message>
</context>
<context>
    <name>MessageScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="70" />
        <source>Place your My Number Card</source>
        <translation>Place your My Number Card</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="71" />
        <source>Put the card on the reader and leave it there until asked.</source>
        <translation>Put the card on the reader and leave it there until asked.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="73" />
        <source>Reading the card…</source>
        <translation>Reading the card…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="73" />
        <location filename="../../kiosk_app/screens/common.py" line="76" />
        <source>Do not move the card.</source>
        <translation>Do not move the card.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="75" />
        <source>Checking with the city…</source>
        <translation>Checking with the city…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="79" />
        <source>Please remove your card</source>
        <translation>Please remove your card</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="80" />
        <source>Take your My Number Card from the reader now.</source>
        <translation>Take your My Number Card from the reader now.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="83" />
        <source>Preparing your certificates…</source>
        <translation>Preparing your certificates…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="64" />
        <location filename="../../kiosk_app/screens/common.py" line="67" />
        <location filename="../../kiosk_app/screens/common.py" line="84" />
        <location filename="../../kiosk_app/screens/common.py" line="86" />
        <location filename="../../kiosk_app/screens/common.py" line="87" />
        <location filename="../../kiosk_app/screens/common.py" line="88" />
        <source>Please wait.</source>
        <translation>Please wait.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="66" />
        <source>Getting the list of municipalities…</source>
        <translation>Getting the list of municipalities…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="86" />
        <source>Printing the receipt…</source>
        <translation>Printing the receipt…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="87" />
        <source>Sending your application…</source>
        <translation>Sending your application…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="64" />
        <location filename="../../kiosk_app/screens/common.py" line="88" />
        <source>Checking…</source>
        <extracomment>The picture of each waiting step that asks for or concerns a physical action. Waits on the server or a printer: a bar fills towards the step's time-out (the longest wait).</extracomment>
        <translation>Checking…</translation>
    </message>
</context>
<context>
    <name>NoticeScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="203" />
        <source>Notice</source>
        <translation>Notice</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="204" />
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>OptionsScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="110" />
        <source>Choose what the certificate shows</source>
        <translation>Choose what the certificate shows</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="111" />
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="112" />
        <source>Next</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="165" />
        <source>Choose the persons to certify</source>
        <translation>Choose the persons to certify</translation>
    </message>
</context>
<context>
    <name>PayScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="343" />
        <source>Please insert coins</source>
        <translation>Please insert coins</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="350" />
        <source>Amount due: {a}</source>
        <translation>Amount due: {a}</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="351" />
        <source>Inserted: {a}</source>
        <translation>Inserted: {a}</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="353" />
        <source>Remaining: {a}</source>
        <translation>Remaining: {a}</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="358" />
        <source>Returning your coins…</source>
        <translation>Returning your coins…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="360" />
        <source>10, 50, 100 and 500 yen coins. Change is given at the end.</source>
        <translation>10, 50, 100 and 500 yen coins. Change is given at the end.</translation>
    </message>
</context>
<context>
    <name>PinScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="151" />
        <source>Enter your 4-digit PIN (利用者証明用)</source>
        <extracomment>The PIN entry (tries left) the keypad was last shuffled for; reset on every return home.</extracomment>
        <translation>Enter your 4-digit PIN (利用者証明用)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="152" />
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="168" />
        <source>Tries left: {n}</source>
        <translation>Tries left: {n}</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="175" />
        <source>Last try: a wrong PIN now locks the card until the city office resets it.</source>
        <translation>Last try: a wrong PIN now locks the card until the city office resets it.</translation>
    </message>
</context>
<context>
    <name>PlaceListScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/routing.py" line="67" />
        <source>本籍地: choose the municipality</source>
        <translation>本籍地: choose the municipality</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/routing.py" line="69" />
        <source>本籍地: choose the prefecture</source>
        <translation>本籍地: choose the prefecture</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/routing.py" line="71" />
        <source>Back</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>PrintScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="382" />
        <source>Printing your certificates…</source>
        <translation>Printing your certificates…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="392" />
        <source>Sheet {done} of {total}</source>
        <translation>Sheet {done} of {total}</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="394" />
        <source>Starting the printer…</source>
        <translation>Starting the printer…</translation>
    </message>
</context>
<context>
    <name>RegistrationConfirmScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="159" />
        <source>Please check your application</source>
        <translation>Please check your application</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="160" />
        <source>Send the application</source>
        <translation>Send the application</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="168" />
        <source>本籍</source>
        <translation>本籍</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="169" />
        <source>筆頭者 (reading)</source>
        <translation>筆頭者 (reading)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="170" />
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="171" />
        <source>Date of birth</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="172" />
        <source>Card expiry date</source>
        <translation>Card expiry date</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="173" />
        <source>Security code</source>
        <translation>Security code</translation>
    </message>
</context>
<context>
    <name>RegistrationDoneScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="198" />
        <source>Application received</source>
        <translation>Application received</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="201" />
        <source>Keep this application number (申請番号) to check the status. Approval takes 1–3 business days.</source>
        <translation>Keep this application number (申請番号) to check the status. Approval takes 1–3 business days.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="205" />
        <source>Print the number</source>
        <translation>Print the number</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="206" />
        <source>Done</source>
        <translation>Done</translation>
    </message>
</context>
<context>
    <name>RouteScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/routing.py" line="37" />
        <source>Which municipality's certificates?</source>
        <translation>Which municipality's certificates?</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/routing.py" line="39" />
        <source>Your card tells where you live; a 本籍地 elsewhere needs a registration.</source>
        <translation>Your card tells where you live; a 本籍地 elsewhere needs a registration.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/routing.py" line="41" />
        <source>Where I live (住所地)</source>
        <translation>Where I live (住所地)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/routing.py" line="42" />
        <source>My 本籍地 in another municipality</source>
        <translation>My 本籍地 in another municipality</translation>
    </message>
</context>
<context>
    <name>Screen</name>
    <message>
        <location filename="../../kiosk_app/screens/base.py" line="157" />
        <source>Do you need more time?</source>
        <extracomment>How often the more-time countdown is redrawn while shown. The voice says how little time is left once, at this many seconds. The screen's stable objectName (for scripted test runs). Milliseconds before the session times out (the window gives its inactivity timer's).</extracomment>
        <translation>Do you need more time?</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/base.py" line="158" />
        <source>More time</source>
        <translation>More time</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/base.py" line="159" />
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/base.py" line="160" />
        <source>Stop voice</source>
        <translation>Stop voice</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/base.py" line="182" />
        <source>{n} s left</source>
        <translation>{n} s left</translation>
    </message>
</context>
<context>
    <name>StatusEntryScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/status.py" line="39" />
        <source>Enter your application number (申請番号)</source>
        <translation>Enter your application number (申請番号)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/status.py" line="40" />
        <source>Check</source>
        <translation>Check</translation>
    </message>
</context>
<context>
    <name>StatusResultScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/status.py" line="71" />
        <source>Application status</source>
        <translation>Application status</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/status.py" line="72" />
        <source>Done</source>
        <translation>Done</translation>
    </message>
</context>
<context>
    <name>StepIndicator</name>
    <message>
        <location filename="../../kiosk_app/screens/step_indicator.py" line="31" />
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/step_indicator.py" line="32" />
        <source>Card</source>
        <translation>Card</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/step_indicator.py" line="33" />
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/step_indicator.py" line="34" />
        <source>Choose</source>
        <translation>Choose</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/step_indicator.py" line="35" />
        <source>Confirm</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/step_indicator.py" line="36" />
        <source>Payment</source>
        <translation>Payment</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/step_indicator.py" line="37" />
        <source>Printing</source>
        <translation>Printing</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/step_indicator.py" line="38" />
        <source>Complete</source>
        <translation>Complete</translation>
    </message>
</context>
<context>
    <name>TakeItemsScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="421" />
        <source>Please take your certificates and receipt</source>
        <translation>Please take your certificates and receipt</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="422" />
        <source>I have taken them</source>
        <translation>I have taken them</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="427" />
        <source>Certificates: A4 tray. Receipt: receipt slot.</source>
        <translation>Certificates: A4 tray. Receipt: receipt slot.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="431" />
        <source>Your change: {a}</source>
        <translation>Your change: {a}</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="17" />
        <source>Certificate of residence (住民票の写し)</source>
        <translation>Certificate of residence (住民票の写し)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="18" />
        <source>Seal registration certificate (印鑑登録証明書)</source>
        <translation>Seal registration certificate (印鑑登録証明書)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="19" />
        <source>Family register, all (戸籍全部事項証明書)</source>
        <translation>Family register, all (戸籍全部事項証明書)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="21" />
        <source>Family register, one person (戸籍個人事項証明書)</source>
        <translation>Family register, one person (戸籍個人事項証明書)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="23" />
        <source>Koseki address record (戸籍の附票の写し)</source>
        <translation>Koseki address record (戸籍の附票の写し)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="30" />
        <source>Available from age 15. Please ask at the city office.</source>
        <translation>Available from age 15. Please ask at the city office.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="31" />
        <source>A move-out has been filed. Please ask at the city office.</source>
        <translation>A move-out has been filed. Please ask at the city office.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="32" />
        <location filename="../../kiosk_app/screens/texts.py" line="33" />
        <source>Not available at the kiosk. Please ask at the city office.</source>
        <translation>Not available at the kiosk. Please ask at the city office.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="34" />
        <source>Your seal registration has ended (廃止).</source>
        <translation>Your seal registration has ended (廃止).</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="35" />
        <source>No seal is registered (印鑑登録がありません).</source>
        <translation>No seal is registered (印鑑登録がありません).</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="37" />
        <source>Your 本籍 is in another municipality, so this kiosk cannot issue it. Please ask that municipality (by post or at its window) or the city office window.</source>
        <translation>Your 本籍 is in another municipality, so this kiosk cannot issue it. Please ask that municipality (by post or at its window) or the city office window.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="41" />
        <source>Your 本籍 is elsewhere: register to use first (利用登録申請).</source>
        <translation>Your 本籍 is elsewhere: register to use first (利用登録申請).</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="43" />
        <source>Outside service hours for this certificate.</source>
        <translation>Outside service hours for this certificate.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="44" />
        <source>The service is closed today.</source>
        <translation>The service is closed today.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="46" />
        <source>Your card's certificate is revoked. Please ask at the city office.</source>
        <translation>Your card's certificate is revoked. Please ask at the city office.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="49" />
        <source>Your card's certificate has expired. Please renew it at the city office.</source>
        <translation>Your card's certificate has expired. Please renew it at the city office.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="51" />
        <source>The fee could not be confirmed. Nothing was charged.</source>
        <translation>The fee could not be confirmed. Nothing was charged.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="53" />
        <source>You live in this city: no registration is needed to get koseki certificates.</source>
        <translation>You live in this city: no registration is needed to get koseki certificates.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="56" />
        <source>The entries do not match your card. Please check the date of birth, the card's expiry date and security code.</source>
        <translation>The entries do not match your card. Please check the date of birth, the card's expiry date and security code.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="59" />
        <source>You have already applied. Check its status.</source>
        <translation>You have already applied. Check its status.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="60" />
        <source>This card is not known to the city. Please ask the city.</source>
        <translation>This card is not known to the city. Please ask the city.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="62" />
        <source>This municipality's service is not available now. Nothing was charged.</source>
        <translation>This municipality's service is not available now. Nothing was charged.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="65" />
        <source>Your municipality does not offer certificates at stores. Nothing was charged.</source>
        <translation>Your municipality does not offer certificates at stores. Nothing was charged.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="67" />
        <source>This municipality does not offer this service at stores.</source>
        <translation>This municipality does not offer this service at stores.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="69" />
        <source>Not available at the kiosk now.</source>
        <translation>Not available at the kiosk now.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="75" />
        <source>Cancelled. Nothing was charged.</source>
        <translation>Cancelled. Nothing was charged.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="76" />
        <source>The session ended because no one was using it.</source>
        <translation>The session ended because no one was using it.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="77" />
        <source>The card was removed too early. Please start again.</source>
        <translation>The card was removed too early. Please start again.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="79" />
        <source>This card cannot be read. Please use your My Number Card.</source>
        <translation>This card cannot be read. Please use your My Number Card.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="81" />
        <source>The card could not be read. Please try again.</source>
        <translation>The card could not be read. Please try again.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="82" />
        <source>The PIN is wrong.</source>
        <translation>The PIN is wrong.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="84" />
        <source>The PIN is locked. Please have it reset at the city office window.</source>
        <translation>The PIN is locked. Please have it reset at the city office window.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="88" />
        <source>The city's server cannot be reached. Please try again later.</source>
        <translation>The city's server cannot be reached. Please try again later.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="92" />
        <source>The printer ran out of paper. The fee for what was not printed is given back.</source>
        <translation>The printer ran out of paper. The fee for what was not printed is given back.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="95" />
        <source>The printer failed. The fee for what was not printed is given back.</source>
        <translation>The printer failed. The fee for what was not printed is given back.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="98" />
        <source>The coin machine failed. Please take the refund slip to the city office.</source>
        <translation>The coin machine failed. Please take the refund slip to the city office.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="100" />
        <location filename="../../kiosk_app/screens/texts.py" line="184" />
        <source>No application with this number was found.</source>
        <translation>No application with this number was found.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="106" />
        <source>The printer is out of paper, so certificates cannot be issued now. Nothing was charged. Please use the city office window.</source>
        <translation>The printer is out of paper, so certificates cannot be issued now. Nothing was charged. Please use the city office window.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="110" />
        <source>The printer is not working, so certificates cannot be issued now. Nothing was charged. Please use the city office window.</source>
        <translation>The printer is not working, so certificates cannot be issued now. Nothing was charged. Please use the city office window.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="114" />
        <source>Payments cannot be taken now, so certificates cannot be issued. Nothing was charged. Please use the city office window.</source>
        <translation>Payments cannot be taken now, so certificates cannot be issued. Nothing was charged. Please use the city office window.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="121" />
        <source>{yen} yen was returned: please take the coins.</source>
        <translation>{yen} yen was returned: please take the coins.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="126" />
        <source>Refund owed: {yen} yen. Please take the refund slip to the city office.</source>
        <translation>Refund owed: {yen} yen. Please take the refund slip to the city office.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="129" />
        <source>Please take your card.</source>
        <translation>Please take your card.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="136" />
        <source>The printer ran out of paper.</source>
        <translation>The printer ran out of paper.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="138" />
        <source>The printer failed.</source>
        <translation>The printer failed.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="144" />
        <source>{out} of {ordered} copies were printed. The fee of {out} copies, {kept} yen, is kept; {back} yen is given back.</source>
        <translation>{out} of {ordered} copies were printed. The fee of {out} copies, {kept} yen, is kept; {back} yen is given back.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="157" />
        <source>No copy was printed ({ordered} ordered). The whole fee, {back} yen, is given back.</source>
        <translation>No copy was printed ({ordered} ordered). The whole fee, {back} yen, is given back.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="164" />
        <source>Whole household</source>
        <translation>Whole household</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="165" />
        <source>Selected persons</source>
        <translation>Selected persons</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="166" />
        <source>Everyone on the record</source>
        <translation>Everyone on the record</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="167" />
        <source>With 本籍・筆頭者</source>
        <translation>With 本籍・筆頭者</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="168" />
        <source>Without 本籍・筆頭者</source>
        <translation>Without 本籍・筆頭者</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="169" />
        <source>With head of household</source>
        <translation>With head of household</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="170" />
        <source>Without head of household</source>
        <translation>Without head of household</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="171" />
        <source>With My Number</source>
        <translation>With My Number</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="172" />
        <source>Without My Number</source>
        <translation>Without My Number</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="173" />
        <source>With resident code</source>
        <translation>With resident code</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="174" />
        <source>Without resident code</source>
        <translation>Without resident code</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="181" />
        <source>Received: being checked (1–3 business days).</source>
        <translation>Received: being checked (1–3 business days).</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="182" />
        <source>Approved: you can now get koseki certificates.</source>
        <translation>Approved: you can now get koseki certificates.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="183" />
        <source>Not approved: the city will call you.</source>
        <translation>Not approved: the city will call you.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="190" />
        <source>{yen} yen</source>
        <translation>{yen} yen</translation>
    </message>
</context>
<context>
    <name>TownScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="36" />
        <source>本籍: choose the town (町名)</source>
        <translation>本籍: choose the town (町名)</translation>
    </message>
</context>
</TS>