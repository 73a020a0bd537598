<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ko_KR">
<context>
    <name>AccessibilityToggles</name>
    <message>
        <location filename="../../kiosk_app/accessibility.py" line="274" />
        <source>High contrast</source>
        <extracomment>The smallest touch target, edge to edge (common kiosk and ISO 9241-9 guidance: 15–20 mm). The density the stylesheets are designed at, and the one assumed when a screen does not report its physical size (Qt's logical default). Large-text mode multiplies every stylesheet font size by this. The properties whose pixel lengths are font sizes (what large-text mode scales). A pixel length in a stylesheet: ``22px``, ``1.5px``, ``-2px`` (not part of a longer name). The pictures stand still (no animation). Emitted after the modes changed and the new stylesheet is applied.</extracomment>
        <translation>고대비</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/accessibility.py" line="275" />
        <source>Large text</source>
        <translation>큰 글자</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/accessibility.py" line="276" />
        <source>Reduce motion</source>
        <translation>움직임 줄이기</translation>
    </message>
</context>
<context>
    <name>ConfirmScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="261" />
        <source>Please check your order</source>
        <extracomment>Column headings, made once (the rows below are remade for each basket).</extracomment>
        <translation>주문 내용을 확인해 주십시오</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="262" />
        <source>Add another certificate</source>
        <translation>다른 증명서 추가</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="263" />
        <source>Confirm and pay</source>
        <translation>확정하고 결제</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="282" />
        <source>Certificate</source>
        <translation>증명서</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="282" />
        <source>Copies</source>
        <translation>부수</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="282" />
        <source>Fee</source>
        <translation>수수료</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="295" />
        <source>{n} copies</source>
        <translation>{n}부</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="299" />
        <source>Remove</source>
        <translation>삭제</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="313" />
        <source>Total: {amount}</source>
        <translation>합계: {amount}</translation>
    </message>
</context>
<context>
    <name>CopiesScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="210" />
        <source>How many copies?</source>
        <translation>몇 부 필요하십니까?</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="211" />
        <source>Back</source>
        <translation>뒤로</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="212" />
        <source>Next</source>
        <translation>다음</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="219" />
        <source>{n} copies</source>
        <translation>{n}부</translation>
    </message>
</context>
<context>
    <name>FieldScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="94" />
        <source>Back</source>
        <translation>뒤로</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="95" />
        <source>Next</source>
        <translation>다음</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="103" />
        <source>本籍: lot number (番地)</source>
        <translation>본적: 번지 (番地)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="103" />
        <source>e.g. 12-3</source>
        <translation>예: 12-3</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="105" />
        <source>Reading of the 筆頭者's name (フリガナ)</source>
        <translation>筆頭者 이름의 읽는 법 (フリガナ)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="106" />
        <source>In katakana, e.g. カソウ　タロウ</source>
        <translation>가타카나로 입력, 예: カソウ　タロウ</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="108" />
        <source>Phone number</source>
        <translation>전화번호</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="108" />
        <source>Digits only, e.g. 0312345678</source>
        <translation>숫자만, 예: 0312345678</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="109" />
        <source>Date of birth</source>
        <translation>생년월일</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="109" />
        <source>YYYYMMDD, e.g. 19800401</source>
        <translation>연월일(YYYYMMDD), 예: 19800401</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="111" />
        <source>Card expiry date</source>
        <translation>카드 유효기간</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="112" />
        <source>YYYYMMDD, as printed on the card</source>
        <translation>연월일(YYYYMMDD), 카드에 인쇄된 대로</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="115" />
        <source>Card security code</source>
        <translation>카드 보안 코드</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="116" />
        <source>The 4 digits printed on the front of the card</source>
        <translation>카드 앞면에 인쇄된 숫자 4자리</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="122" />
        <source>Please check this entry.</source>
        <translation>이 항목을 확인해 주십시오.</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="148" />
        <source>Starting… please wait a moment.</source>
        <extracomment>The person chose to get certificates (証明書の交付). The person chose the usage registration for a 本籍 in this city (利用登録申請). The person chose to check a registration's status by its number. The person picked a language, with its code.</extracomment>
        <translation>시작하는 중입니다… 잠시 기다려 주십시오.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="149" />
        <source>Out of service. Please use the city office window.</source>
        <translation>서비스를 중지하고 있습니다. 시청 창구를 이용해 주십시오.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="155" />
        <source>Service resumes {when}.</source>
        <translation>{when}부터 다시 이용하실 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="164" />
        <source>Certificates: out of service
(no connection to the center)</source>
        <translation>증명서 발급: 일시 중지
(센터에 연결할 수 없습니다)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="166" />
        <source>Certificates: out of service
(payments cannot be recorded)</source>
        <translation>증명서 발급: 일시 중지
(요금을 기록할 수 없습니다)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="168" />
        <source>Certificates: out of service
(coin machine not working)</source>
        <translation>증명서 발급: 일시 중지
(동전 투입기 고장)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="170" />
        <source>Certificates: out of service
(printer out of paper)</source>
        <translation>증명서 발급: 일시 중지
(프린터 용지 없음)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="171" />
        <source>Certificates: out of service
(printer not working)</source>
        <translation>증명서 발급: 일시 중지
(프린터 고장)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="175" />
        <source>Closed today (year-end holidays or a closed day).</source>
        <translation>오늘은 휴무일입니다 (연말연시 또는 휴무일).</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="176" />
        <source>Closed today for maintenance.</source>
        <translation>오늘은 점검으로 인해 휴무입니다.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="177" />
        <source>Outside service hours.</source>
        <translation>현재 서비스 시간이 아닙니다.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="178" />
        <source>Certificates are not offered at this kiosk.</source>
        <translation>이 단말기에서는 증명서를 발급하지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="189" />
        <source>{city} Certificate Kiosk</source>
        <translation>{city} 증명서 자동 발급기</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="190" />
        <source>Please choose a service</source>
        <translation>이용하실 서비스를 선택해 주십시오</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="162" />
        <source>Get certificates
(My Number Card)</source>
        <translation>증명서 발급
(마이넘버 카드)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="191" />
        <source>Register to use
(本籍 in this city)</source>
        <translation>본적지 이용 등록 신청
(본적이 이 시인 분)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="192" />
        <source>Check registration status</source>
        <translation>신청 상황 확인</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="196" />
        <source>Please take your card, certificates and receipt with you. Personal data is erased when this screen returns.</source>
        <translation>카드, 증명서, 영수증을 잊지 말고 가져가십시오. 이 화면으로 돌아오면 개인 정보는 삭제됩니다.</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <location filename="../../kiosk_app/screens/widgets.py" line="97" />
        <source>Clear</source>
        <extracomment>The keypad's usual digit order: 1–9 on the grid, 0 below 8. A key was pressed, with its character. The correction key. The clear key.</extracomment>
        <translation>지우기</translation>
    </message>
</context>
<context>
    <name>MenuScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="50" />
        <source>Choose a certificate</source>
        <translation>증명서를 선택해 주십시오</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="58" />
        <source>{city}: choose a certificate</source>
        <translation>{city}: 증명서를 선택해 주십시오</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="67" />
        <source>{fee} per copy</source>
        <translation>1부당 {fee}</translation>
    </message>
</context>
<context>
    <name>MessageScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="70" />
        <source>Place your My Number Card</source>
        <translation>마이넘버 카드를 올려 주십시오</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="71" />
        <source>Put the card on the reader and leave it there until asked.</source>
        <translation>카드를 리더기에 올려 두고, 안내가 있을 때까지 그대로 두십시오.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="73" />
        <source>Reading the card…</source>
        <translation>카드를 읽는 중…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="73" />
        <location filename="../../kiosk_app/screens/common.py" line="76" />
        <source>Do not move the card.</source>
        <translation>카드를 움직이지 마십시오.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="75" />
        <source>Checking with the city…</source>
        <translation>시에 확인하는 중…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="79" />
        <source>Please remove your card</source>
        <translation>카드를 빼 주십시오</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="80" />
        <source>Take your My Number Card from the reader now.</source>
        <translation>지금 리더기에서 마이넘버 카드를 빼 주십시오.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="83" />
        <source>Preparing your certificates…</source>
        <translation>증명서를 준비하는 중…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="64" />
        <location filename="../../kiosk_app/screens/common.py" line="67" />
        <location filename="../../kiosk_app/screens/common.py" line="84" />
        <location filename="../../kiosk_app/screens/common.py" line="86" />
        <location filename="../../kiosk_app/screens/common.py" line="87" />
        <location filename="../../kiosk_app/screens/common.py" line="88" />
        <source>Please wait.</source>
        <translation>잠시 기다려 주십시오.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="66" />
        <source>Getting the list of municipalities…</source>
        <translation>시구정촌 목록을 가져오는 중입니다…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="86" />
        <source>Printing the receipt…</source>
        <translation>영수증을 인쇄하는 중…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="87" />
        <source>Sending your application…</source>
        <translation>신청을 보내는 중…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="64" />
        <location filename="../../kiosk_app/screens/common.py" line="88" />
        <source>Checking…</source>
        <extracomment>The picture of each waiting step that asks for or concerns a physical action. Waits on the server or a printer: a bar fills towards the step's time-out (the longest wait).</extracomment>
        <translation>확인하는 중…</translation>
    </message>
</context>
<context>
    <name>NoticeScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="203" />
        <source>Notice</source>
        <translation>안내</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="204" />
        <source>OK</source>
        <translation>확인</translation>
    </message>
</context>
<context>
    <name>OptionsScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="110" />
        <source>Choose what the certificate shows</source>
        <translation>증명서에 기재할 내용을 선택해 주십시오</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="111" />
        <source>Back</source>
        <translation>뒤로</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="112" />
        <source>Next</source>
        <translation>다음</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="165" />
        <source>Choose the persons to certify</source>
        <translation>증명할 사람을 선택해 주십시오</translation>
    </message>
</context>
<context>
    <name>PayScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="343" />
        <source>Please insert coins</source>
        <translation>동전을 넣어 주십시오</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="350" />
        <source>Amount due: {a}</source>
        <translation>청구 금액: {a}</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="351" />
        <source>Inserted: {a}</source>
        <translation>투입 금액: {a}</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="353" />
        <source>Remaining: {a}</source>
        <translation>남은 금액: {a}</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="358" />
        <source>Returning your coins…</source>
        <translation>동전을 반환하는 중…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="360" />
        <source>10, 50, 100 and 500 yen coins. Change is given at the end.</source>
        <translation>10엔, 50엔, 100엔, 500엔 동전을 사용할 수 있습니다. 거스름돈은 마지막에 나옵니다.</translation>
    </message>
</context>
<context>
    <name>PinScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="151" />
        <source>Enter your 4-digit PIN (利用者証明用)</source>
        <extracomment>The PIN entry (tries left) the keypad was last shuffled for; reset on every return home.</extracomment>
        <translation>4자리 비밀번호를 입력해 주십시오 (利用者証明用)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="152" />
        <source>OK</source>
        <translation>확인</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="168" />
        <source>Tries left: {n}</source>
        <translation>남은 횟수: {n}</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="175" />
        <source>Last try: a wrong PIN now locks the card until the city office resets it.</source>
        <translation>마지막 기회입니다: 이번에 틀리면 시청에서 초기화할 때까지 카드가 잠깁니다.</translation>
    </message>
</context>
<context>
    <name>PlaceListScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/routing.py" line="67" />
        <source>本籍地: choose the municipality</source>
        <translation>본적지: 시구정촌을 선택해 주십시오</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/routing.py" line="69" />
        <source>本籍地: choose the prefecture</source>
        <translation>본적지: 도도부현을 선택해 주십시오</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/routing.py" line="71" />
        <source>Back</source>
        <translation>뒤로</translation>
    </message>
</context>
<context>
    <name>PrintScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="382" />
        <source>Printing your certificates…</source>
        <translation>증명서를 인쇄하는 중…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="392" />
        <source>Sheet {done} of {total}</source>
        <translation>{total}장 중 {done}장</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="394" />
        <source>Starting the printer…</source>
        <translation>프린터를 준비하는 중…</translation>
    </message>
</context>
<context>
    <name>RegistrationConfirmScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="159" />
        <source>Please check your application</source>
        <translation>신청 내용을 확인해 주십시오</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="160" />
        <source>Send the application</source>
        <translation>신청 보내기</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="168" />
        <source>本籍</source>
        <translation>본적 (本籍)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="169" />
        <source>筆頭者 (reading)</source>
        <translation>筆頭者 (읽는 법)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="170" />
        <source>Phone</source>
        <translation>전화</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="171" />
        <source>Date of birth</source>
        <translation>생년월일</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="172" />
        <source>Card expiry date</source>
        <translation>카드 유효기간</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="173" />
        <source>Security code</source>
        <translation>보안 코드</translation>
    </message>
</context>
<context>
    <name>RegistrationDoneScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="198" />
        <source>Application received</source>
        <translation>신청이 접수되었습니다</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="201" />
        <source>Keep this application number (申請番号) to check the status. Approval takes 1–3 business days.</source>
        <translation>진행 상황 확인을 위해 이 신청 번호(申請番号)를 보관해 주십시오. 승인에는 1~3 영업일이 걸립니다.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="205" />
        <source>Print the number</source>
        <translation>번호 인쇄</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="206" />
        <source>Done</source>
        <translation>완료</translation>
    </message>
</context>
<context>
    <name>RouteScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/routing.py" line="37" />
        <source>Which municipality's certificates?</source>
        <translation>어느 시구정촌의 증명서입니까?</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/routing.py" line="39" />
        <source>Your card tells where you live; a 本籍地 elsewhere needs a registration.</source>
        <translation>주소지는 카드로 확인됩니다. 주소지와 다른 본적지의 증명서는 이용 등록이 필요합니다.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/routing.py" line="41" />
        <source>Where I live (住所地)</source>
        <translation>주소지의 증명서</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/routing.py" line="42" />
        <source>My 本籍地 in another municipality</source>
        <translation>다른 시구정촌의 본적지 증명서</translation>
    </message>
</context>
<context>
    <name>Screen</name>
    <message>
        <location filename="../../kiosk_app/screens/base.py" line="157" />
        <source>Do you need more time?</source>
        <extracomment>How often the more-time countdown is redrawn while shown. The voice says how little time is left once, at this many seconds. The screen's stable objectName (for scripted test runs). Milliseconds before the session times out (the window gives its inactivity timer's).</extracomment>
        <translation>시간이 더 필요하십니까?</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/base.py" line="158" />
        <source>More time</source>
        <translation>시간 연장</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/base.py" line="159" />
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/base.py" line="160" />
        <source>Stop voice</source>
        <translation>음성 끄기</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/base.py" line="182" />
        <source>{n} s left</source>
        <translation>{n}초 남음</translation>
    </message>
</context>
<context>
    <name>StatusEntryScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/status.py" line="39" />
        <source>Enter your application number (申請番号)</source>
        <translation>신청 번호(申請番号)를 입력해 주십시오</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/status.py" line="40" />
        <source>Check</source>
        <translation>확인</translation>
    </message>
</context>
<context>
    <name>StatusResultScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/status.py" line="71" />
        <source>Application status</source>
        <translation>신청 상황</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/status.py" line="72" />
        <source>Done</source>
        <translation>완료</translation>
    </message>
</context>
<context>
    <name>StepIndicator</name>
    <message>
        <location filename="../../kiosk_app/screens/step_indicator.py" line="31" />
        <source>Details</source>
        <translation>입력</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/step_indicator.py" line="32" />
        <source>Card</source>
        <translation>카드</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/step_indicator.py" line="33" />
        <source>PIN</source>
        <translation>비밀번호</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/step_indicator.py" line="34" />
        <source>Choose</source>
        <translation>선택</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/step_indicator.py" line="35" />
        <source>Confirm</source>
        <translation>확인</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/step_indicator.py" line="36" />
        <source>Payment</source>
        <translation>결제</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/step_indicator.py" line="37" />
        <source>Printing</source>
        <translation>인쇄</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/step_indicator.py" line="38" />
        <source>Complete</source>
        <translation>완료</translation>
    </message>
</context>
<context>
    <name>TakeItemsScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="421" />
        <source>Please take your certificates and receipt</source>
        <translation>증명서와 영수증을 가져가 주십시오</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="422" />
        <source>I have taken them</source>
        <translation>가져갔습니다</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="427" />
        <source>Certificates: A4 tray. Receipt: receipt slot.</source>
        <translation>증명서: A4 배출구. 영수증: 영수증 배출구.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="431" />
        <source>Your change: {a}</source>
        <translation>거스름돈: {a}</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="17" />
        <source>Certificate of residence (住民票の写し)</source>
        <translation>주민표 사본 (住民票の写し)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="18" />
        <source>Seal registration certificate (印鑑登録証明書)</source>
        <translation>인감 등록 증명서 (印鑑登録証明書)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="19" />
        <source>Family register, all (戸籍全部事項証明書)</source>
        <translation>호적 전부 사항 증명서 (戸籍全部事項証明書)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="21" />
        <source>Family register, one person (戸籍個人事項証明書)</source>
        <translation>호적 개인 사항 증명서 (戸籍個人事項証明書)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="23" />
        <source>Koseki address record (戸籍の附票の写し)</source>
        <translation>호적 부표 사본 (戸籍の附票の写し)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="30" />
        <source>Available from age 15. Please ask at the city office.</source>
        <translation>15세부터 이용할 수 있습니다. 시청에 문의해 주십시오.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="31" />
        <source>A move-out has been filed. Please ask at the city office.</source>
        <translation>전출 신고가 되어 있습니다. 시청에 문의해 주십시오.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="32" />
        <location filename="../../kiosk_app/screens/texts.py" line="33" />
        <source>Not available at the kiosk. Please ask at the city office.</source>
        <translation>이 단말기에서는 이용할 수 없습니다. 시청에 문의해 주십시오.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="34" />
        <source>Your seal registration has ended (廃止).</source>
        <translation>인감 등록이 폐지되었습니다 (廃止).</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="35" />
        <source>No seal is registered (印鑑登録がありません).</source>
        <translation>등록된 인감이 없습니다 (印鑑登録がありません).</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="37" />
        <source>Your 本籍 is in another municipality, so this kiosk cannot issue it. Please ask that municipality (by post or at its window) or the city office window.</source>
        <translation>본적지(本籍地)가 다른 시구정촌이므로 이 단말기에서는 발급할 수 없습니다. 본적지 시구정촌(우편·창구) 또는 시청 창구에서 신청해 주십시오.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="41" />
        <source>Your 本籍 is elsewhere: register to use first (利用登録申請).</source>
        <translation>본적(本籍)이 다른 곳에 있습니다: 먼저 이용 등록(利用登録申請)을 해 주십시오.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="43" />
        <source>Outside service hours for this certificate.</source>
        <translation>이 증명서의 이용 시간이 아닙니다.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="44" />
        <source>The service is closed today.</source>
        <translation>오늘은 서비스를 하지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="46" />
        <source>Your card's certificate is revoked. Please ask at the city office.</source>
        <translation>카드의 전자 증명서가 폐지되었습니다. 시청에 문의해 주십시오.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="49" />
        <source>Your card's certificate has expired. Please renew it at the city office.</source>
        <translation>카드의 전자 증명서 유효기간이 지났습니다. 시청에서 갱신해 주십시오.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="51" />
        <source>The fee could not be confirmed. Nothing was charged.</source>
        <translation>요금을 확인할 수 없었습니다. 요금은 청구되지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="53" />
        <source>You live in this city: no registration is needed to get koseki certificates.</source>
        <translation>이 시에 거주하고 계십니다: 이용 등록 없이 호적 증명서를 발급받을 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="56" />
        <source>The entries do not match your card. Please check the date of birth, the card's expiry date and security code.</source>
        <translation>입력 내용이 카드와 일치하지 않습니다. 생년월일, 카드 유효기간, 보안 코드를 확인해 주십시오.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="59" />
        <source>You have already applied. Check its status.</source>
        <translation>이미 신청하셨습니다. 신청 상황을 확인해 주십시오.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="60" />
        <source>This card is not known to the city. Please ask the city.</source>
        <translation>시에 등록되지 않은 카드입니다. 시에 문의해 주십시오.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="62" />
        <source>This municipality's service is not available now. Nothing was charged.</source>
        <translation>이 시구정촌의 서비스는 현재 이용하실 수 없습니다. 요금은 청구되지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="65" />
        <source>Your municipality does not offer certificates at stores. Nothing was charged.</source>
        <translation>거주하시는 시구정촌은 편의점 발급을 하지 않습니다. 요금은 청구되지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="67" />
        <source>This municipality does not offer this service at stores.</source>
        <translation>이 시구정촌은 이 서비스를 편의점 등에서 제공하지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="69" />
        <source>Not available at the kiosk now.</source>
        <translation>현재 이 단말기에서는 이용할 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="75" />
        <source>Cancelled. Nothing was charged.</source>
        <translation>취소되었습니다. 요금은 청구되지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="76" />
        <source>The session ended because no one was using it.</source>
        <translation>조작이 없어 종료되었습니다.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="77" />
        <source>The card was removed too early. Please start again.</source>
        <translation>카드를 너무 일찍 뺐습니다. 처음부터 다시 해 주십시오.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="79" />
        <source>This card cannot be read. Please use your My Number Card.</source>
        <translation>이 카드는 읽을 수 없습니다. 마이넘버 카드를 사용해 주십시오.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="81" />
        <source>The card could not be read. Please try again.</source>
        <translation>카드를 읽을 수 없었습니다. 다시 시도해 주십시오.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="82" />
        <source>The PIN is wrong.</source>
        <translation>비밀번호가 틀렸습니다.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="84" />
        <source>The PIN is locked. Please have it reset at the city office window.</source>
        <translation>비밀번호가 잠겼습니다. 시청 창구에서 초기화해 주십시오.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="88" />
        <source>The city's server cannot be reached. Please try again later.</source>
        <translation>시의 서버에 연결할 수 없습니다. 잠시 후 다시 시도해 주십시오.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="92" />
        <source>The printer ran out of paper. The fee for what was not printed is given back.</source>
        <translation>프린터 용지가 떨어졌습니다. 인쇄되지 않은 부분의 요금은 반환됩니다.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="95" />
        <source>The printer failed. The fee for what was not printed is given back.</source>
        <translation>프린터에 문제가 발생했습니다. 인쇄되지 않은 부분의 요금은 반환됩니다.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="98" />
        <source>The coin machine failed. Please take the refund slip to the city office.</source>
        <translation>동전 기기에 문제가 발생했습니다. 환불 안내서를 가지고 시청으로 와 주십시오.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="100" />
        <location filename="../../kiosk_app/screens/texts.py" line="184" />
        <source>No application with this number was found.</source>
        <translation>이 번호의 신청을 찾을 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="106" />
        <source>The printer is out of paper, so certificates cannot be issued now. Nothing was charged. Please use the city office window.</source>
        <translation>프린터 용지가 떨어져 지금은 증명서를 발급할 수 없습니다. 요금은 받지 않았습니다. 시청 창구를 이용해 주십시오.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="110" />
        <source>The printer is not working, so certificates cannot be issued now. Nothing was charged. Please use the city office window.</source>
        <translation>프린터에 문제가 있어 지금은 증명서를 발급할 수 없습니다. 요금은 받지 않았습니다. 시청 창구를 이용해 주십시오.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="114" />
        <source>Payments cannot be taken now, so certificates cannot be issued. Nothing was charged. Please use the city office window.</source>
        <translation>현재 요금을 받을 수 없어 증명서를 발급할 수 없습니다. 요금은 청구되지 않았습니다. 시청 창구를 이용해 주십시오.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="121" />
        <source>{yen} yen was returned: please take the coins.</source>
        <translation>{yen}엔을 반환했습니다: 동전을 가져가 주십시오.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="126" />
        <source>Refund owed: {yen} yen. Please take the refund slip to the city office.</source>
        <translation>환불 금액: {yen}엔. 환불 안내서를 가지고 시청으로 와 주십시오.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="129" />
        <source>Please take your card.</source>
        <translation>카드를 가져가 주십시오.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="136" />
        <source>The printer ran out of paper.</source>
        <translation>프린터 용지가 떨어졌습니다.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="138" />
        <source>The printer failed.</source>
        <translation>프린터에 문제가 발생했습니다.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="144" />
        <source>{out} of {ordered} copies were printed. The fee of {out} copies, {kept} yen, is kept; {back} yen is given back.</source>
        <translation>{ordered}통 중 {out}통을 인쇄했습니다. {out}통분 수수료 {kept}엔을 받고, {back}엔을 돌려드립니다.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="157" />
        <source>No copy was printed ({ordered} ordered). The whole fee, {back} yen, is given back.</source>
        <translation>주문하신 {ordered}통을 인쇄하지 못했습니다. 수수료 {back}엔을 전액 돌려드립니다.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="164" />
        <source>Whole household</source>
        <translation>세대 전원</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="165" />
        <source>Selected persons</source>
        <translation>선택한 사람</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="166" />
        <source>Everyone on the record</source>
        <translation>기재된 전원</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="167" />
        <source>With 本籍・筆頭者</source>
        <translation>本籍・筆頭者 기재</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="168" />
        <source>Without 本籍・筆頭者</source>
        <translation>本籍・筆頭者 미기재</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="169" />
        <source>With head of household</source>
        <translation>세대주 기재</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="170" />
        <source>Without head of household</source>
        <translation>세대주 미기재</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="171" />
        <source>With My Number</source>
        <translation>마이넘버 기재</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="172" />
        <source>Without My Number</source>
        <translation>마이넘버 미기재</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="173" />
        <source>With resident code</source>
        <translation>주민표 코드 기재</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="174" />
        <source>Without resident code</source>
        <translation>주민표 코드 미기재</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="181" />
        <source>Received: being checked (1–3 business days).</source>
        <translation>접수됨: 심사 중입니다 (1~3 영업일).</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="182" />
        <source>Approved: you can now get koseki certificates.</source>
        <translation>승인됨: 이제 호적 증명서를 발급받을 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="183" />
        <source>Not approved: the city will call you.</source>
        <translation>승인되지 않았습니다: 시에서 연락드리겠습니다.</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="190" />
        <source>{yen} yen</source>
        <translation>{yen}엔</translation>
    </message>
</context>
<context>
    <name>TownScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="36" />
        <source>本籍: choose the town (町名)</source>
        <translation>본적: 町名(동네 이름)을 선택해 주십시오</translation>
    </message>
</context>
</TS>