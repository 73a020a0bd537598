<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="pt_BR">
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
        <translation>Reduzir movimento</translation>
    </message>
</context>
<context>
    <name>ConfirmScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="261" />
        <source>Please check your order</source>
        <extracomment>Column headings, made once (the rows below are remade for each basket).</extracomment>
        <translation>Confira o seu pedido</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="262" />
        <source>Add another certificate</source>
        <translation>Adicionar outra certidão</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="263" />
        <source>Confirm and pay</source>
        <translation>Confirmar e pagar</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="282" />
        <source>Certificate</source>
        <translation>Certidão</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="282" />
        <source>Copies</source>
        <translation>Cópias</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="282" />
        <source>Fee</source>
        <translation>Taxa</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="295" />
        <source>{n} copies</source>
        <translation>{n} cópias</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="299" />
        <source>Remove</source>
        <translation>Remover</translation>
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
        <translation>Quantas cópias?</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="211" />
        <source>Back</source>
        <translation>Voltar</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="212" />
        <source>Next</source>
        <translation>Avançar</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="219" />
        <source>{n} copies</source>
        <translation>{n} cópias</translation>
    </message>
</context>
<context>
    <name>FieldScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="94" />
        <source>Back</source>
        <translation>Voltar</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="95" />
        <source>Next</source>
        <translation>Avançar</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="103" />
        <source>本籍: lot number (番地)</source>
        <translation>本籍: número do lote (番地)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="103" />
        <source>e.g. 12-3</source>
        <translation>ex.: 12-3</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="105" />
        <source>Reading of the 筆頭者's name (フリガナ)</source>
        <translation>Leitura do nome do 筆頭者 (フリガナ)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="106" />
        <source>In katakana, e.g. カソウ　タロウ</source>
        <translation>Em katakana, ex.: カソウ　タロウ</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="108" />
        <source>Phone number</source>
        <translation>Número de telefone</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="108" />
        <source>Digits only, e.g. 0312345678</source>
        <translation>Somente números, ex.: 0312345678</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="109" />
        <source>Date of birth</source>
        <translation>Data de nascimento</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="109" />
        <source>YYYYMMDD, e.g. 19800401</source>
        <translation>AAAAMMDD, ex.: 19800401</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="111" />
        <source>Card expiry date</source>
        <translation>Data de validade do cartão</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="112" />
        <source>YYYYMMDD, as printed on the card</source>
        <translation>AAAAMMDD, como impresso no cartão</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="115" />
        <source>Card security code</source>
        <translation>Código de segurança do cartão</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="116" />
        <source>The 4 digits printed on the front of the card</source>
        <translation>Os 4 dígitos impressos na frente do cartão</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="122" />
        <source>Please check this entry.</source>
        <translation>Verifique este campo.</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="148" />
        <source>Starting… please wait a moment.</source>
        <extracomment>The person chose to get certificates (証明書の交付). The person chose the usage registration for a 本籍 in this city (利用登録申請). The person chose to check a registration's status by its number. The person picked a language, with its code.</extracomment>
        <translation>Iniciando… aguarde um momento.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="149" />
        <source>Out of service. Please use the city office window.</source>
        <translation>Fora de serviço. Dirija-se ao balcão da prefeitura.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="155" />
        <source>Service resumes {when}.</source>
        <translation>O serviço retoma em {when}.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="164" />
        <source>Certificates: out of service
(no connection to the center)</source>
        <translation>Certidões: fora de serviço
(sem conexão com a central)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="166" />
        <source>Certificates: out of service
(payments cannot be recorded)</source>
        <translation>Certidões: fora de serviço
(não é possível registrar pagamentos)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="168" />
        <source>Certificates: out of service
(coin machine not working)</source>
        <translation>Certidões: fora de serviço
(máquina de moedas com defeito)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="170" />
        <source>Certificates: out of service
(printer out of paper)</source>
        <translation>Certidões: fora de serviço
(impressora sem papel)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="171" />
        <source>Certificates: out of service
(printer not working)</source>
        <translation>Certidões: fora de serviço
(impressora com defeito)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="175" />
        <source>Closed today (year-end holidays or a closed day).</source>
        <translation>Encerrado hoje (feriados de fim de ano ou dia de encerramento).</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="176" />
        <source>Closed today for maintenance.</source>
        <translation>Encerrado hoje para manutenção.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="177" />
        <source>Outside service hours.</source>
        <translation>Fora do horário de serviço.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="178" />
        <source>Certificates are not offered at this kiosk.</source>
        <translation>Este quiosque não emite certidões.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="189" />
        <source>{city} Certificate Kiosk</source>
        <translation>Quiosque de certidões de {city}</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="190" />
        <source>Please choose a service</source>
        <translation>Escolha um serviço</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="162" />
        <source>Get certificates
(My Number Card)</source>
        <translation>Obter certidões
(Cartão My Number)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="191" />
        <source>Register to use
(本籍 in this city)</source>
        <translation>Registro de utilização
(本籍 nesta cidade)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="192" />
        <source>Check registration status</source>
        <translation>Consultar o pedido</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="196" />
        <source>Please take your card, certificates and receipt with you. Personal data is erased when this screen returns.</source>
        <translation>Não se esqueça do cartão, das certidões e do recibo. Os dados pessoais são apagados ao voltar a esta tela.</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <location filename="../../kiosk_app/screens/widgets.py" line="97" />
        <source>Clear</source>
        <extracomment>The keypad's usual digit order: 1–9 on the grid, 0 below 8. A key was pressed, with its character. The correction key. The clear key.</extracomment>
        <translation>Limpar</translation>
    </message>
</context>
<context>
    <name>MenuScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="50" />
        <source>Choose a certificate</source>
        <translation>Escolha uma certidão</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="58" />
        <source>{city}: choose a certificate</source>
        <translation>{city}: escolha uma certidão</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="67" />
        <source>{fee} per copy</source>
        <translation>{fee} por cópia</translation>
    </message>
</context>
<context>
    <name>MessageScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="70" />
        <source>Place your My Number Card</source>
        <translation>Coloque o seu cartão My Number</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="71" />
        <source>Put the card on the reader and leave it there until asked.</source>
        <translation>Coloque o cartão no leitor e deixe-o lá até ser solicitado.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="73" />
        <source>Reading the card…</source>
        <translation>Lendo o cartão…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="73" />
        <location filename="../../kiosk_app/screens/common.py" line="76" />
        <source>Do not move the card.</source>
        <translation>Não mova o cartão.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="75" />
        <source>Checking with the city…</source>
        <translation>Consultando a prefeitura…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="79" />
        <source>Please remove your card</source>
        <translation>Retire o seu cartão</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="80" />
        <source>Take your My Number Card from the reader now.</source>
        <translation>Retire agora o seu cartão My Number do leitor.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="83" />
        <source>Preparing your certificates…</source>
        <translation>Preparando as suas certidões…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="64" />
        <location filename="../../kiosk_app/screens/common.py" line="67" />
        <location filename="../../kiosk_app/screens/common.py" line="84" />
        <location filename="../../kiosk_app/screens/common.py" line="86" />
        <location filename="../../kiosk_app/screens/common.py" line="87" />
        <location filename="../../kiosk_app/screens/common.py" line="88" />
        <source>Please wait.</source>
        <translation>Aguarde, por favor.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="66" />
        <source>Getting the list of municipalities…</source>
        <translation>Obtendo a lista de municípios…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="86" />
        <source>Printing the receipt…</source>
        <translation>Imprimindo o recibo…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="87" />
        <source>Sending your application…</source>
        <translation>Enviando o seu pedido…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="64" />
        <location filename="../../kiosk_app/screens/common.py" line="88" />
        <source>Checking…</source>
        <extracomment>The picture of each waiting step that asks for or concerns a physical action. Waits on the server or a printer: a bar fills towards the step's time-out (the longest wait).</extracomment>
        <translation>Verificando…</translation>
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
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>OptionsScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="110" />
        <source>Choose what the certificate shows</source>
        <translation>Escolha o que a certidão mostra</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="111" />
        <source>Back</source>
        <translation>Voltar</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="112" />
        <source>Next</source>
        <translation>Avançar</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="165" />
        <source>Choose the persons to certify</source>
        <translation>Escolha as pessoas a certificar</translation>
    </message>
</context>
<context>
    <name>PayScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="343" />
        <source>Please insert coins</source>
        <translation>Insira as moedas</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="350" />
        <source>Amount due: {a}</source>
        <translation>Valor a pagar: {a}</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="351" />
        <source>Inserted: {a}</source>
        <translation>Inserido: {a}</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="353" />
        <source>Remaining: {a}</source>
        <translation>Falta: {a}</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="358" />
        <source>Returning your coins…</source>
        <translation>Devolvendo as suas moedas…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="360" />
        <source>10, 50, 100 and 500 yen coins. Change is given at the end.</source>
        <translation>Moedas de 10, 50, 100 e 500 ienes. O troco é dado no final.</translation>
    </message>
</context>
<context>
    <name>PinScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="151" />
        <source>Enter your 4-digit PIN (利用者証明用)</source>
        <extracomment>The PIN entry (tries left) the keypad was last shuffled for; reset on every return home.</extracomment>
        <translation>Digite o seu PIN de 4 dígitos (利用者証明用)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="152" />
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="168" />
        <source>Tries left: {n}</source>
        <translation>Tentativas restantes: {n}</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="175" />
        <source>Last try: a wrong PIN now locks the card until the city office resets it.</source>
        <translation>Última tentativa: um PIN errado agora bloqueia o cartão até a prefeitura desbloqueá-lo.</translation>
    </message>
</context>
<context>
    <name>PlaceListScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/routing.py" line="67" />
        <source>本籍地: choose the municipality</source>
        <translation>本籍地: escolha o município</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/routing.py" line="69" />
        <source>本籍地: choose the prefecture</source>
        <translation>本籍地: escolha a província</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/routing.py" line="71" />
        <source>Back</source>
        <translation>Voltar</translation>
    </message>
</context>
<context>
    <name>PrintScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="382" />
        <source>Printing your certificates…</source>
        <translation>Imprimindo as suas certidões…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="392" />
        <source>Sheet {done} of {total}</source>
        <translation>Folha {done} de {total}</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="394" />
        <source>Starting the printer…</source>
        <translation>Iniciando a impressora…</translation>
    </message>
</context>
<context>
    <name>RegistrationConfirmScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="159" />
        <source>Please check your application</source>
        <translation>Confira o seu pedido</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="160" />
        <source>Send the application</source>
        <translation>Enviar o pedido</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="168" />
        <source>本籍</source>
        <translation>本籍 (domicílio do registro familiar)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="169" />
        <source>筆頭者 (reading)</source>
        <translation>筆頭者 (leitura)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="170" />
        <source>Phone</source>
        <translation>Telefone</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="171" />
        <source>Date of birth</source>
        <translation>Data de nascimento</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="172" />
        <source>Card expiry date</source>
        <translation>Data de validade do cartão</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="173" />
        <source>Security code</source>
        <translation>Código de segurança</translation>
    </message>
</context>
<context>
    <name>RegistrationDoneScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="198" />
        <source>Application received</source>
        <translation>Pedido recebido</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="201" />
        <source>Keep this application number (申請番号) to check the status. Approval takes 1–3 business days.</source>
        <translation>Guarde este número de pedido (申請番号) para consultar a situação. A aprovação leva de 1 a 3 dias úteis.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="205" />
        <source>Print the number</source>
        <translation>Imprimir o número</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="206" />
        <source>Done</source>
        <translation>Concluir</translation>
    </message>
</context>
<context>
    <name>RouteScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/routing.py" line="37" />
        <source>Which municipality's certificates?</source>
        <translation>Certidões de qual município?</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/routing.py" line="39" />
        <source>Your card tells where you live; a 本籍地 elsewhere needs a registration.</source>
        <translation>O cartão indica onde você mora; um 本籍地 em outro lugar exige registro prévio.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/routing.py" line="41" />
        <source>Where I live (住所地)</source>
        <translation>Onde moro (住所地)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/routing.py" line="42" />
        <source>My 本籍地 in another municipality</source>
        <translation>Meu 本籍地 em outro município</translation>
    </message>
</context>
<context>
    <name>Screen</name>
    <message>
        <location filename="../../kiosk_app/screens/base.py" line="157" />
        <source>Do you need more time?</source>
        <extracomment>How often the more-time countdown is redrawn while shown. The voice says how little time is left once, at this many seconds. The screen's stable objectName (for scripted test runs). Milliseconds before the session times out (the window gives its inactivity timer's).</extracomment>
        <translation>Precisa de mais tempo?</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/base.py" line="158" />
        <source>More time</source>
        <translation>Mais tempo</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/base.py" line="159" />
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/base.py" line="160" />
        <source>Stop voice</source>
        <translation>Parar voz</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/base.py" line="182" />
        <source>{n} s left</source>
        <translation>{n} s restantes</translation>
    </message>
</context>
<context>
    <name>StatusEntryScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/status.py" line="39" />
        <source>Enter your application number (申請番号)</source>
        <translation>Digite o número do pedido (申請番号)</translation>
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
        <translation>Situação do pedido</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/status.py" line="72" />
        <source>Done</source>
        <translation>Concluir</translation>
    </message>
</context>
<context>
    <name>StepIndicator</name>
    <message>
        <location filename="../../kiosk_app/screens/step_indicator.py" line="31" />
        <source>Details</source>
        <translation>Dados</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/step_indicator.py" line="32" />
        <source>Card</source>
        <translation>Cartão</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/step_indicator.py" line="33" />
        <source>PIN</source>
        <translation>Senha</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/step_indicator.py" line="34" />
        <source>Choose</source>
        <translation>Escolha</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/step_indicator.py" line="35" />
        <source>Confirm</source>
        <translation>Confirmar</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/step_indicator.py" line="36" />
        <source>Payment</source>
        <translation>Pagamento</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/step_indicator.py" line="37" />
        <source>Printing</source>
        <translation>Impressão</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/step_indicator.py" line="38" />
        <source>Complete</source>
        <translation>Concluído</translation>
    </message>
</context>
<context>
    <name>TakeItemsScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="421" />
        <source>Please take your certificates and receipt</source>
        <translation>Retire as suas certidões e o recibo</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="422" />
        <source>I have taken them</source>
        <translation>Já retirei</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="427" />
        <source>Certificates: A4 tray. Receipt: receipt slot.</source>
        <translation>Certidões: bandeja A4. Recibo: saída de recibos.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="431" />
        <source>Your change: {a}</source>
        <translation>Seu troco: {a}</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="17" />
        <source>Certificate of residence (住民票の写し)</source>
        <translation>Certidão de residência (住民票の写し)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="18" />
        <source>Seal registration certificate (印鑑登録証明書)</source>
        <translation>Certidão de registro de carimbo (印鑑登録証明書)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="19" />
        <source>Family register, all (戸籍全部事項証明書)</source>
        <translation>Registro familiar completo (戸籍全部事項証明書)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="21" />
        <source>Family register, one person (戸籍個人事項証明書)</source>
        <translation>Registro familiar de uma pessoa (戸籍個人事項証明書)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="23" />
        <source>Koseki address record (戸籍の附票の写し)</source>
        <translation>Registro de endereços do koseki (戸籍の附票の写し)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="30" />
        <source>Available from age 15. Please ask at the city office.</source>
        <translation>Disponível a partir dos 15 anos. Informe-se na prefeitura.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="31" />
        <source>A move-out has been filed. Please ask at the city office.</source>
        <translation>Foi registrada uma mudança para fora da cidade. Informe-se na prefeitura.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="32" />
        <location filename="../../kiosk_app/screens/texts.py" line="33" />
        <source>Not available at the kiosk. Please ask at the city office.</source>
        <translation>Não disponível neste terminal. Informe-se na prefeitura.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="34" />
        <source>Your seal registration has ended (廃止).</source>
        <translation>O seu registro de carimbo foi encerrado (廃止).</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="35" />
        <source>No seal is registered (印鑑登録がありません).</source>
        <translation>Não há carimbo registrado (印鑑登録がありません).</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="37" />
        <source>Your 本籍 is in another municipality, so this kiosk cannot issue it. Please ask that municipality (by post or at its window) or the city office window.</source>
        <translation>O seu 本籍 fica em outro município, por isso este terminal não pode emiti-la. Peça ao município do 本籍 (por correio ou no balcão) ou ao balcão da prefeitura.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="41" />
        <source>Your 本籍 is elsewhere: register to use first (利用登録申請).</source>
        <translation>O seu 本籍 está em outro lugar: faça primeiro o registro de utilização (利用登録申請).</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="43" />
        <source>Outside service hours for this certificate.</source>
        <translation>Fora do horário de atendimento para esta certidão.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="44" />
        <source>The service is closed today.</source>
        <translation>O serviço está fechado hoje.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="46" />
        <source>Your card's certificate is revoked. Please ask at the city office.</source>
        <translation>O certificado do seu cartão foi revogado. Informe-se na prefeitura.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="49" />
        <source>Your card's certificate has expired. Please renew it at the city office.</source>
        <translation>O certificado do seu cartão expirou. Renove-o na prefeitura.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="51" />
        <source>The fee could not be confirmed. Nothing was charged.</source>
        <translation>Não foi possível confirmar a taxa. Nada foi cobrado.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="53" />
        <source>You live in this city: no registration is needed to get koseki certificates.</source>
        <translation>Você mora nesta cidade: não é preciso registro para obter certidões de koseki.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="56" />
        <source>The entries do not match your card. Please check the date of birth, the card's expiry date and security code.</source>
        <translation>Os dados não correspondem ao seu cartão. Verifique a data de nascimento, a validade e o código de segurança do cartão.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="59" />
        <source>You have already applied. Check its status.</source>
        <translation>Você já fez o pedido. Consulte a situação dele.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="60" />
        <source>This card is not known to the city. Please ask the city.</source>
        <translation>Este cartão não é conhecido pela prefeitura. Informe-se na prefeitura.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="62" />
        <source>This municipality's service is not available now. Nothing was charged.</source>
        <translation>O serviço deste município não está disponível agora. Nada foi cobrado.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="65" />
        <source>Your municipality does not offer certificates at stores. Nothing was charged.</source>
        <translation>Seu município não emite certidões em lojas. Nada foi cobrado.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="67" />
        <source>This municipality does not offer this service at stores.</source>
        <translation>Este município não oferece este serviço em lojas.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="69" />
        <source>Not available at the kiosk now.</source>
        <translation>Não disponível neste terminal no momento.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="75" />
        <source>Cancelled. Nothing was charged.</source>
        <translation>Cancelado. Nada foi cobrado.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="76" />
        <source>The session ended because no one was using it.</source>
        <translation>A sessão terminou por falta de uso.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="77" />
        <source>The card was removed too early. Please start again.</source>
        <translation>O cartão foi retirado cedo demais. Comece novamente.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="79" />
        <source>This card cannot be read. Please use your My Number Card.</source>
        <translation>Este cartão não pode ser lido. Use o seu cartão My Number.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="81" />
        <source>The card could not be read. Please try again.</source>
        <translation>Não foi possível ler o cartão. Tente novamente.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="82" />
        <source>The PIN is wrong.</source>
        <translation>O PIN está errado.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="84" />
        <source>The PIN is locked. Please have it reset at the city office window.</source>
        <translation>O PIN está bloqueado. Peça o desbloqueio no balcão da prefeitura.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="88" />
        <source>The city's server cannot be reached. Please try again later.</source>
        <translation>Não foi possível conectar ao servidor da prefeitura. Tente mais tarde.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="92" />
        <source>The printer ran out of paper. The fee for what was not printed is given back.</source>
        <translation>A impressora ficou sem papel. A taxa do que não foi impresso é devolvida.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="95" />
        <source>The printer failed. The fee for what was not printed is given back.</source>
        <translation>A impressora falhou. A taxa do que não foi impresso é devolvida.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="98" />
        <source>The coin machine failed. Please take the refund slip to the city office.</source>
        <translation>A máquina de moedas falhou. Leve o comprovante de reembolso à prefeitura.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="100" />
        <location filename="../../kiosk_app/screens/texts.py" line="184" />
        <source>No application with this number was found.</source>
        <translation>Nenhum pedido com este número foi encontrado.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="106" />
        <source>The printer is out of paper, so certificates cannot be issued now. Nothing was charged. Please use the city office window.</source>
        <translation>A impressora está sem papel, por isso não é possível emitir certidões agora. Nada foi cobrado. Dirija-se ao balcão da prefeitura.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="110" />
        <source>The printer is not working, so certificates cannot be issued now. Nothing was charged. Please use the city office window.</source>
        <translation>A impressora não está funcionando, por isso não é possível emitir certidões agora. Nada foi cobrado. Dirija-se ao balcão da prefeitura.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="114" />
        <source>Payments cannot be taken now, so certificates cannot be issued. Nothing was charged. Please use the city office window.</source>
        <translation>No momento não é possível receber pagamentos, por isso as certidões não podem ser emitidas. Nada foi cobrado. Dirija-se ao balcão da prefeitura.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="121" />
        <source>{yen} yen was returned: please take the coins.</source>
        <translation>{yen} ienes foram devolvidos: retire as moedas.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="126" />
        <source>Refund owed: {yen} yen. Please take the refund slip to the city office.</source>
        <translation>Reembolso devido: {yen} ienes. Leve o comprovante de reembolso à prefeitura.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="129" />
        <source>Please take your card.</source>
        <translation>Retire o seu cartão.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="136" />
        <source>The printer ran out of paper.</source>
        <translation>A impressora ficou sem papel.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="138" />
        <source>The printer failed.</source>
        <translation>A impressora falhou.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="144" />
        <source>{out} of {ordered} copies were printed. The fee of {out} copies, {kept} yen, is kept; {back} yen is given back.</source>
        <translation>{out} de {ordered} cópias foram impressas. A taxa de {out} cópias, {kept} ienes, é cobrada; {back} ienes são devolvidos.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="157" />
        <source>No copy was printed ({ordered} ordered). The whole fee, {back} yen, is given back.</source>
        <translation>Nenhuma cópia foi impressa ({ordered} pedidas). A taxa inteira, {back} ienes, é devolvida.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="164" />
        <source>Whole household</source>
        <translation>Todo o domicílio</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="165" />
        <source>Selected persons</source>
        <translation>Pessoas selecionadas</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="166" />
        <source>Everyone on the record</source>
        <translation>Todos no registro</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="167" />
        <source>With 本籍・筆頭者</source>
        <translation>Com 本籍・筆頭者</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="168" />
        <source>Without 本籍・筆頭者</source>
        <translation>Sem 本籍・筆頭者</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="169" />
        <source>With head of household</source>
        <translation>Com chefe do domicílio</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="170" />
        <source>Without head of household</source>
        <translation>Sem chefe do domicílio</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="171" />
        <source>With My Number</source>
        <translation>Com My Number</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="172" />
        <source>Without My Number</source>
        <translation>Sem My Number</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="173" />
        <source>With resident code</source>
        <translation>Com código de residente</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="174" />
        <source>Without resident code</source>
        <translation>Sem código de residente</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="181" />
        <source>Received: being checked (1–3 business days).</source>
        <translation>Recebido: em análise (1 a 3 dias úteis).</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="182" />
        <source>Approved: you can now get koseki certificates.</source>
        <translation>Aprovado: agora você pode obter certidões de koseki.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="183" />
        <source>Not approved: the city will call you.</source>
        <translation>Não aprovado: a prefeitura entrará em contato por telefone.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="190" />
        <source>{yen} yen</source>
        <translation>{yen} ienes</translation>
    </message>
</context>
<context>
    <name>TownScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="36" />
        <source>本籍: choose the town (町名)</source>
        <translation>本籍: escolha o bairro (町名)</translation>
    </message>
</context>
</TS>