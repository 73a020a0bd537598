<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="105" />
        <source>{city} Certificate Kiosk</source>
        <extracomment>The person chose to get certificates (証明書の交付). The person chose the usage registration for a 本籍 in this city (利用登録申請). The person chose to check a registration's status by its number. The person picked a language, with its code.</extracomment>
        <translation>{city} 证明书自助发行机</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="106" />
        <source>Please choose a service</source>
        <translation>请选择服务</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="107" />
        <source>Get certificates
(My Number Card)</source>
        <translation>领取证明书
（个人编号卡）</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="108" />
        <source>Register to use
(本籍 in this city)</source>
        <translation>本籍地使用登记申请
（本籍在本市者）</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="109" />
        <source>Check registration status</source>
        <translation>查询申请状态</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="112" />
        <source>Please take your card, certificates and receipt with you. Personal data is erased when this screen returns.</source>
        <translation>请不要忘记取回卡片、证明书和收据。返回此画面时个人信息将被删除。</translation>
    </message>
</context>
</TS>