<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ko_KR">
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="105" />
        <source>{city} Certificate Kiosk</source>
        <extracomment>The person chose to get certificates (証明書の交付). The person chose the usage registration for a 本籍 in this city (利用登録申請). The person chose to check a registration's status by its number. The person picked a language, with its code.</extracomment>
        <translation>{city} 증명서 자동 발급기</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="106" />
        <source>Please choose a service</source>
        <translation>이용하실 서비스를 선택해 주십시오</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="107" />
        <source>Get certificates
(My Number Card)</source>
        <translation>증명서 발급
(마이넘버 카드)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="108" />
        <source>Register to use
(本籍 in this city)</source>
        <translation>본적지 이용 등록 신청
(본적이 이 시인 분)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="109" />
        <source>Check registration status</source>
        <translation>신청 상황 확인</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="112" />
        <source>Please take your card, certificates and receipt with you. Personal data is erased when this screen returns.</source>
        <translation>카드, 증명서, 영수증을 잊지 말고 가져가십시오. 이 화면으로 돌아오면 개인 정보는 삭제됩니다.</translation>
    </message>
</context>
</TS>