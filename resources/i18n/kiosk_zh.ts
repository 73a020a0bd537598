<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccessibilityToggles</name>
    <message>
        <location filename="../../kiosk_app/accessibility.py" line="274" />
        <source>High contrast</source>
        <extracomment>The smallest touch target, edge to edge (common kiosk and ISO 9241-9 guidance: 15–20 mm). The density the stylesheets are designed at, and the one assumed when a screen does not report its physical size (Qt's logical default). Large-text mode multiplies every stylesheet font size by this. The properties whose pixel lengths are font sizes (what large-text mode scales). A pixel length in a stylesheet: ``22px``, ``1.5px``, ``-2px`` (not part of a longer name). The pictures stand still (no animation). Emitted after the modes changed and the new stylesheet is applied.</extracomment>
        <translation>高对比度</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/accessibility.py" line="275" />
        <source>Large text</source>
        <translation>大字体</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/accessibility.py" line="276" />
        <source>Reduce motion</source>
        <translation>减少动画</translation>
    </message>
</context>
<context>
    <name>ConfirmScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="261" />
        <source>Please check your order</source>
        <extracomment>Column headings, made once (the rows below are remade for each basket).</extracomment>
        <translation>请确认您的订单</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="262" />
        <source>Add another certificate</source>
        <translation>添加其他证明书</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="263" />
        <source>Confirm and pay</source>
        <translation>确认并付款</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="282" />
        <source>Certificate</source>
        <translation>证明书</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="282" />
        <source>Copies</source>
        <translation>份数</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="282" />
        <source>Fee</source>
        <translation>手续费</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="295" />
        <source>{n} copies</source>
        <translation>{n} 份</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="299" />
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="313" />
        <source>Total: {amount}</source>
        <translation>合计：{amount}</translation>
    </message>
</context>
<context>
    <name>CopiesScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="210" />
        <source>How many copies?</source>
        <translation>需要几份？</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="211" />
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="212" />
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="219" />
        <source>{n} copies</source>
        <translation>{n} 份</translation>
    </message>
</context>
<context>
    <name>FieldScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="94" />
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="95" />
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="103" />
        <source>本籍: lot number (番地)</source>
        <translation>本籍：门牌号（番地）</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="103" />
        <source>e.g. 12-3</source>
        <translation>例：12-3</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="105" />
        <source>Reading of the 筆頭者's name (フリガナ)</source>
        <translation>筆頭者姓名的读音（フリガナ）</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="106" />
        <source>In katakana, e.g. カソウ　タロウ</source>
        <translation>请用片假名输入，例：カソウ　タロウ</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="108" />
        <source>Phone number</source>
        <translation>电话号码</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="108" />
        <source>Digits only, e.g. 0312345678</source>
        <translation>仅限数字，例：0312345678</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="109" />
        <source>Date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="109" />
        <source>YYYYMMDD, e.g. 19800401</source>
        <translation>年月日（YYYYMMDD），例：19800401</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="111" />
        <source>Card expiry date</source>
        <translation>卡片有效期</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="112" />
        <source>YYYYMMDD, as printed on the card</source>
        <translation>年月日（YYYYMMDD），按卡面印刷填写</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="115" />
        <source>Card security code</source>
        <translation>卡片安全码</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="116" />
        <source>The 4 digits printed on the front of the card</source>
        <translation>印在卡片正面的4位数字</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="122" />
        <source>Please check this entry.</source>
        <translation>请检查此项内容。</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="148" />
        <source>Starting… please wait a moment.</source>
        <extracomment>The person chose to get certificates (証明書の交付). The person chose the usage registration for a 本籍 in this city (利用登録申請). The person chose to check a registration's status by its number. The person picked a language, with its code.</extracomment>
        <translation>正在启动…请稍候。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="149" />
        <source>Out of service. Please use the city office window.</source>
        <translation>暂停服务。请到市政府窗口办理。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="155" />
        <source>Service resumes {when}.</source>
        <translation>将于 {when} 恢复服务。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="164" />
        <source>Certificates: out of service
(no connection to the center)</source>
        <translation>证明书发行：暂停服务
（无法连接中心）</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="166" />
        <source>Certificates: out of service
(payments cannot be recorded)</source>
        <translation>证明书发行：暂停服务
（无法记录付款）</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="168" />
        <source>Certificates: out of service
(coin machine not working)</source>
        <translation>证明书发行：暂停服务
（投币机故障）</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="170" />
        <source>Certificates: out of service
(printer out of paper)</source>
        <translation>证明书发行：暂停服务
（打印机缺纸）</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="171" />
        <source>Certificates: out of service
(printer not working)</source>
        <translation>证明书发行：暂停服务
（打印机故障）</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="175" />
        <source>Closed today (year-end holidays or a closed day).</source>
        <translation>今日停止服务（年末年初或休息日）。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="176" />
        <source>Closed today for maintenance.</source>
        <translation>今日因维护停止服务。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="177" />
        <source>Outside service hours.</source>
        <translation>现在是服务时间以外。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="178" />
        <source>Certificates are not offered at this kiosk.</source>
        <translation>本终端不提供证明书。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="189" />
        <source>{city} Certificate Kiosk</source>
        <translation>{city} 证明书自助发行机</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="190" />
        <source>Please choose a service</source>
        <translation>请选择服务</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="162" />
        <source>Get certificates
(My Number Card)</source>
        <translation>领取证明书
（个人编号卡）</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="191" />
        <source>Register to use
(本籍 in this city)</source>
        <translation>本籍地使用登记申请
（本籍在本市者）</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="192" />
        <source>Check registration status</source>
        <translation>查询申请状态</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/home.py" line="196" />
        <source>Please take your card, certificates and receipt with you. Personal data is erased when this screen returns.</source>
        <translation>请不要忘记取回卡片、证明书和收据。返回此画面时个人信息将被删除。</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <location filename="../../kiosk_app/screens/widgets.py" line="97" />
        <source>Clear</source>
        <extracomment>The keypad's usual digit order: 1–9 on the grid, 0 below 8. A key was pressed, with its character. The correction key. The clear key.</extracomment>
        <translation>清除</translation>
    </message>
</context>
<context>
    <name>MenuScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="50" />
        <source>Choose a certificate</source>
        <translation>请选择证明书</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="58" />
        <source>{city}: choose a certificate</source>
        <translation>{city}：请选择证明书</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="67" />
        <source>{fee} per copy</source>
        <translation>每份 {fee}</translation>
    </message>
</context>
<context>
    <name>MessageScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="70" />
        <source>Place your My Number Card</source>
        <translation>请放置个人编号卡</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="71" />
        <source>Put the card on the reader and leave it there until asked.</source>
        <translation>请将卡片放在读卡区，在提示前不要取走。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="73" />
        <source>Reading the card…</source>
        <translation>正在读取卡片…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="73" />
        <location filename="../../kiosk_app/screens/common.py" line="76" />
        <source>Do not move the card.</source>
        <translation>请不要移动卡片。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="75" />
        <source>Checking with the city…</source>
        <translation>正在向市政府确认…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="79" />
        <source>Please remove your card</source>
        <translation>请取回卡片</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="80" />
        <source>Take your My Number Card from the reader now.</source>
        <translation>现在请从读卡区取回个人编号卡。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="83" />
        <source>Preparing your certificates…</source>
        <translation>正在准备证明书…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="64" />
        <location filename="../../kiosk_app/screens/common.py" line="67" />
        <location filename="../../kiosk_app/screens/common.py" line="84" />
        <location filename="../../kiosk_app/screens/common.py" line="86" />
        <location filename="../../kiosk_app/screens/common.py" line="87" />
        <location filename="../../kiosk_app/screens/common.py" line="88" />
        <source>Please wait.</source>
        <translation>请稍候。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="66" />
        <source>Getting the list of municipalities…</source>
        <translation>正在获取市区町村列表…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="86" />
        <source>Printing the receipt…</source>
        <translation>正在打印收据…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="87" />
        <source>Sending your application…</source>
        <translation>正在提交申请…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="64" />
        <location filename="../../kiosk_app/screens/common.py" line="88" />
        <source>Checking…</source>
        <extracomment>The picture of each waiting step that asks for or concerns a physical action. Waits on the server or a printer: a bar fills towards the step's time-out (the longest wait).</extracomment>
        <translation>正在确认…</translation>
    </message>
</context>
<context>
    <name>NoticeScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="203" />
        <source>Notice</source>
        <translation>通知</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="204" />
        <source>OK</source>
        <translation>确定</translation>
    </message>
</context>
<context>
    <name>OptionsScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="110" />
        <source>Choose what the certificate shows</source>
        <translation>请选择证明书上记载的内容</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="111" />
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="112" />
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="165" />
        <source>Choose the persons to certify</source>
        <translation>请选择需要证明的人</translation>
    </message>
</context>
<context>
    <name>PayScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="343" />
        <source>Please insert coins</source>
        <translation>请投入硬币</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="350" />
        <source>Amount due: {a}</source>
        <translation>应付金额：{a}</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="351" />
        <source>Inserted: {a}</source>
        <translation>已投入：{a}</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="353" />
        <source>Remaining: {a}</source>
        <translation>还需：{a}</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="358" />
        <source>Returning your coins…</source>
        <translation>正在退还硬币…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="360" />
        <source>10, 50, 100 and 500 yen coins. Change is given at the end.</source>
        <translation>可使用10、50、100、500日元硬币。找零在最后退还。</translation>
    </message>
</context>
<context>
    <name>PinScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="151" />
        <source>Enter your 4-digit PIN (利用者証明用)</source>
        <extracomment>The PIN entry (tries left) the keypad was last shuffled for; reset on every return home.</extracomment>
        <translation>请输入4位数字密码（利用者证明用）</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="152" />
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="168" />
        <source>Tries left: {n}</source>
        <translation>剩余次数：{n}</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/common.py" line="175" />
        <source>Last try: a wrong PIN now locks the card until the city office resets it.</source>
        <translation>最后一次：如果密码再错，卡片将被锁定，需到市政府窗口解除。</translation>
    </message>
</context>
<context>
    <name>PlaceListScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/routing.py" line="67" />
        <source>本籍地: choose the municipality</source>
        <translation>本籍地：请选择市区町村</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/routing.py" line="69" />
        <source>本籍地: choose the prefecture</source>
        <translation>本籍地：请选择都道府县</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/routing.py" line="71" />
        <source>Back</source>
        <translation>返回</translation>
    </message>
</context>
<context>
    <name>PrintScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="382" />
        <source>Printing your certificates…</source>
        <translation>正在打印证明书…</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="392" />
        <source>Sheet {done} of {total}</source>
        <translation>第 {done} 张，共 {total} 张</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="394" />
        <source>Starting the printer…</source>
        <translation>正在启动打印机…</translation>
    </message>
</context>
<context>
    <name>RegistrationConfirmScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="159" />
        <source>Please check your application</source>
        <translation>请确认申请内容</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="160" />
        <source>Send the application</source>
        <translation>提交申请</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="168" />
        <source>本籍</source>
        <translation>本籍</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="169" />
        <source>筆頭者 (reading)</source>
        <translation>筆頭者（读音）</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="170" />
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="171" />
        <source>Date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="172" />
        <source>Card expiry date</source>
        <translation>卡片有效期</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="173" />
        <source>Security code</source>
        <translation>安全码</translation>
    </message>
</context>
<context>
    <name>RegistrationDoneScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="198" />
        <source>Application received</source>
        <translation>申请已受理</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="201" />
        <source>Keep this application number (申請番号) to check the status. Approval takes 1–3 business days.</source>
        <translation>请保管好此申请编号（申請番号），用于查询审核状态。审核需要1至3个工作日。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="205" />
        <source>Print the number</source>
        <translation>打印编号</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="206" />
        <source>Done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>RouteScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/routing.py" line="37" />
        <source>Which municipality's certificates?</source>
        <translation>要领取哪个市区町村的证明书？</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/routing.py" line="39" />
        <source>Your card tells where you live; a 本籍地 elsewhere needs a registration.</source>
        <translation>住所地由卡片确定；领取住所地以外的本籍地证明书需要事先使用登记。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/routing.py" line="41" />
        <source>Where I live (住所地)</source>
        <translation>住所地（居住地）的证明书</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/routing.py" line="42" />
        <source>My 本籍地 in another municipality</source>
        <translation>其他市区町村的本籍地证明书</translation>
    </message>
</context>
<context>
    <name>Screen</name>
    <message>
        <location filename="../../kiosk_app/screens/base.py" line="157" />
        <source>Do you need more time?</source>
        <extracomment>How often the more-time countdown is redrawn while shown. The voice says how little time is left once, at this many seconds. The screen's stable objectName (for scripted test runs). Milliseconds before the session times out (the window gives its inactivity timer's).</extracomment>
        <translation>需要更多时间吗？</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/base.py" line="158" />
        <source>More time</source>
        <translation>延长时间</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/base.py" line="159" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/base.py" line="160" />
        <source>Stop voice</source>
        <translation>停止语音</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/base.py" line="182" />
        <source>{n} s left</source>
        <translation>剩余 {n} 秒</translation>
    </message>
</context>
<context>
    <name>StatusEntryScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/status.py" line="39" />
        <source>Enter your application number (申請番号)</source>
        <translation>请输入申请编号（申請番号）</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/status.py" line="40" />
        <source>Check</source>
        <translation>查询</translation>
    </message>
</context>
<context>
    <name>StatusResultScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/status.py" line="71" />
        <source>Application status</source>
        <translation>申请状态</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/status.py" line="72" />
        <source>Done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>StepIndicator</name>
    <message>
        <location filename="../../kiosk_app/screens/step_indicator.py" line="31" />
        <source>Details</source>
        <translation>填写</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/step_indicator.py" line="32" />
        <source>Card</source>
        <translation>卡片</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/step_indicator.py" line="33" />
        <source>PIN</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/step_indicator.py" line="34" />
        <source>Choose</source>
        <translation>选择</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/step_indicator.py" line="35" />
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/step_indicator.py" line="36" />
        <source>Payment</source>
        <translation>付款</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/step_indicator.py" line="37" />
        <source>Printing</source>
        <translation>打印</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/step_indicator.py" line="38" />
        <source>Complete</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>TakeItemsScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="421" />
        <source>Please take your certificates and receipt</source>
        <translation>请取走证明书和收据</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="422" />
        <source>I have taken them</source>
        <translation>已取走</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="427" />
        <source>Certificates: A4 tray. Receipt: receipt slot.</source>
        <translation>证明书：A4出纸口。收据：收据出口。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/issuance.py" line="431" />
        <source>Your change: {a}</source>
        <translation>找零：{a}</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="17" />
        <source>Certificate of residence (住民票の写し)</source>
        <translation>住民票副本（住民票の写し）</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="18" />
        <source>Seal registration certificate (印鑑登録証明書)</source>
        <translation>印章登记证明书（印鑑登録証明書）</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="19" />
        <source>Family register, all (戸籍全部事項証明書)</source>
        <translation>户籍全部事项证明书（戸籍全部事項証明書）</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="21" />
        <source>Family register, one person (戸籍個人事項証明書)</source>
        <translation>户籍个人事项证明书（戸籍個人事項証明書）</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="23" />
        <source>Koseki address record (戸籍の附票の写し)</source>
        <translation>户籍附票副本（戸籍の附票の写し）</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="30" />
        <source>Available from age 15. Please ask at the city office.</source>
        <translation>年满15岁方可使用。请到市政府咨询。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="31" />
        <source>A move-out has been filed. Please ask at the city office.</source>
        <translation>已办理迁出登记。请到市政府咨询。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="32" />
        <location filename="../../kiosk_app/screens/texts.py" line="33" />
        <source>Not available at the kiosk. Please ask at the city office.</source>
        <translation>此机器无法办理。请到市政府咨询。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="34" />
        <source>Your seal registration has ended (廃止).</source>
        <translation>您的印章登记已废止（廃止）。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="35" />
        <source>No seal is registered (印鑑登録がありません).</source>
        <translation>没有印章登记（印鑑登録がありません）。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="37" />
        <source>Your 本籍 is in another municipality, so this kiosk cannot issue it. Please ask that municipality (by post or at its window) or the city office window.</source>
        <translation>您的本籍在其他市区町村，本机无法发行。请向本籍地的市区町村（邮寄或窗口）或市政府窗口申请。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="41" />
        <source>Your 本籍 is elsewhere: register to use first (利用登録申請).</source>
        <translation>您的本籍在其他地方：请先办理使用登记（利用登録申請）。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="43" />
        <source>Outside service hours for this certificate.</source>
        <translation>现在不是此证明书的服务时间。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="44" />
        <source>The service is closed today.</source>
        <translation>今天停止服务。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="46" />
        <source>Your card's certificate is revoked. Please ask at the city office.</source>
        <translation>您卡片的电子证明书已失效。请到市政府咨询。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="49" />
        <source>Your card's certificate has expired. Please renew it at the city office.</source>
        <translation>您卡片的电子证明书已过期。请到市政府更新。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="51" />
        <source>The fee could not be confirmed. Nothing was charged.</source>
        <translation>无法确认费用。未收取任何费用。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="53" />
        <source>You live in this city: no registration is needed to get koseki certificates.</source>
        <translation>您居住在本市：无需使用登记即可领取户籍证明书。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="56" />
        <source>The entries do not match your card. Please check the date of birth, the card's expiry date and security code.</source>
        <translation>输入内容与您的卡片不符。请确认出生日期、卡片有效期和安全码。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="59" />
        <source>You have already applied. Check its status.</source>
        <translation>您已提交过申请。请查询申请状态。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="60" />
        <source>This card is not known to the city. Please ask the city.</source>
        <translation>市政府没有此卡的记录。请向市政府咨询。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="62" />
        <source>This municipality's service is not available now. Nothing was charged.</source>
        <translation>该市区町村的服务目前无法使用。未收取任何费用。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="65" />
        <source>Your municipality does not offer certificates at stores. Nothing was charged.</source>
        <translation>您所在的市区町村不提供便利店发行服务。未收取任何费用。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="67" />
        <source>This municipality does not offer this service at stores.</source>
        <translation>该市区町村不在便利店等提供此项服务。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="69" />
        <source>Not available at the kiosk now.</source>
        <translation>此机器目前无法办理。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="75" />
        <source>Cancelled. Nothing was charged.</source>
        <translation>已取消。未收取任何费用。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="76" />
        <source>The session ended because no one was using it.</source>
        <translation>由于长时间无操作，已结束。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="77" />
        <source>The card was removed too early. Please start again.</source>
        <translation>卡片取走得太早。请重新开始。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="79" />
        <source>This card cannot be read. Please use your My Number Card.</source>
        <translation>无法读取此卡。请使用个人编号卡。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="81" />
        <source>The card could not be read. Please try again.</source>
        <translation>无法读取卡片。请重试。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="82" />
        <source>The PIN is wrong.</source>
        <translation>密码错误。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="84" />
        <source>The PIN is locked. Please have it reset at the city office window.</source>
        <translation>密码已被锁定。请到市政府窗口办理重置。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="88" />
        <source>The city's server cannot be reached. Please try again later.</source>
        <translation>无法连接市政府的服务器。请稍后再试。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="92" />
        <source>The printer ran out of paper. The fee for what was not printed is given back.</source>
        <translation>打印机缺纸。未打印部分的费用将退还。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="95" />
        <source>The printer failed. The fee for what was not printed is given back.</source>
        <translation>打印机故障。未打印部分的费用将退还。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="98" />
        <source>The coin machine failed. Please take the refund slip to the city office.</source>
        <translation>投币机故障。请携带退款单到市政府。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="100" />
        <location filename="../../kiosk_app/screens/texts.py" line="184" />
        <source>No application with this number was found.</source>
        <translation>未找到此编号的申请。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="106" />
        <source>The printer is out of paper, so certificates cannot be issued now. Nothing was charged. Please use the city office window.</source>
        <translation>打印机缺纸，目前无法发行证明书。未收取任何费用。请到市政府窗口办理。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="110" />
        <source>The printer is not working, so certificates cannot be issued now. Nothing was charged. Please use the city office window.</source>
        <translation>打印机发生故障，目前无法发行证明书。未收取任何费用。请到市政府窗口办理。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="114" />
        <source>Payments cannot be taken now, so certificates cannot be issued. Nothing was charged. Please use the city office window.</source>
        <translation>目前无法收费，因此无法发行证明书。未收取任何费用。请到市政府窗口办理。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="121" />
        <source>{yen} yen was returned: please take the coins.</source>
        <translation>已退还 {yen} 日元：请取走硬币。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="126" />
        <source>Refund owed: {yen} yen. Please take the refund slip to the city office.</source>
        <translation>应退金额：{yen} 日元。请携带退款单到市政府。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="129" />
        <source>Please take your card.</source>
        <translation>请取回您的卡。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="136" />
        <source>The printer ran out of paper.</source>
        <translation>打印机缺纸。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="138" />
        <source>The printer failed.</source>
        <translation>打印机故障。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="144" />
        <source>{out} of {ordered} copies were printed. The fee of {out} copies, {kept} yen, is kept; {back} yen is given back.</source>
        <translation>{ordered}份中已打印{out}份。收取{out}份的费用{kept}日元，退还{back}日元。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="157" />
        <source>No copy was printed ({ordered} ordered). The whole fee, {back} yen, is given back.</source>
        <translation>订购的{ordered}份均未能打印。全额退还费用{back}日元。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="164" />
        <source>Whole household</source>
        <translation>全体家庭成员</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="165" />
        <source>Selected persons</source>
        <translation>选定的人</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="166" />
        <source>Everyone on the record</source>
        <translation>记录中的所有人</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="167" />
        <source>With 本籍・筆頭者</source>
        <translation>记载本籍・筆頭者</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="168" />
        <source>Without 本籍・筆頭者</source>
        <translation>不记载本籍・筆頭者</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="169" />
        <source>With head of household</source>
        <translation>记载户主及与户主的关系</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="170" />
        <source>Without head of household</source>
        <translation>不记载户主及与户主的关系</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="171" />
        <source>With My Number</source>
        <translation>记载个人编号</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="172" />
        <source>Without My Number</source>
        <translation>不记载个人编号</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="173" />
        <source>With resident code</source>
        <translation>记载住民票代码</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="174" />
        <source>Without resident code</source>
        <translation>不记载住民票代码</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="181" />
        <source>Received: being checked (1–3 business days).</source>
        <translation>已受理：审核中（1至3个工作日）。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="182" />
        <source>Approved: you can now get koseki certificates.</source>
        <translation>已批准：现在可以领取户籍证明书。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="183" />
        <source>Not approved: the city will call you.</source>
        <translation>未批准：市政府将与您电话联系。</translation>
    </message>
    <message>
        <location filename="../../kiosk_app/screens/texts.py" line="190" />
        <source>{yen} yen</source>
        <translation>{yen} 日元</translation>
    </message>
</context>
<context>
    <name>TownScreen</name>
    <message>
        <location filename="../../kiosk_app/screens/registration.py" line="36" />
        <source>本籍: choose the town (町名)</source>
        <translation>本籍：请选择町名</translation>
    </message>
</context>
</TS>