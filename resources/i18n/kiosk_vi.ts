<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="105" />
        <source>{city} Certificate Kiosk</source>
        <extracomment>The person chose to get certificates (証明書の交付). The person chose the usage registration for a 本籍 in this city (利用登録申請). The person chose to check a registration's status by its number. The person picked a language, with its code.</extracomment>
        <translation>Máy cấp giấy chứng nhận {city}</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="106" />
        <source>Please choose a service</source>
        <translation>Vui lòng chọn dịch vụ</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="107" />
        <source>Get certificates
(My Number Card)</source>
        <translation>Nhận giấy chứng nhận
(Thẻ My Number)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="108" />
        <source>Register to use
(本籍 in this city)</source>
        <translation>Đăng ký sử dụng
(本籍 tại thành phố này)</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="109" />
        <source>Check registration status</source>
        <translation>Kiểm tra tình trạng đăng ký</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="112" />
        <source>Please take your card, certificates and receipt with you. Personal data is erased when this screen returns.</source>
        <translation>Xin đừng quên thẻ, giấy chứng nhận và biên lai. Dữ liệu cá nhân sẽ bị xóa khi quay lại màn hình này.</translation>
    </message>
</context>
</TS>