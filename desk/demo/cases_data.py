"""Demo cases written for Desk: the shape of a real bureau's mailbox, all names and numbers
invented."""

DEMO_CASES: list[dict] = [
    {
        "key": "d01",
        "kind": "consultation",
        "channel": "web",
        "state": "received",
        "division": None,
        "received_days_ago": 0,
        "citizen_name": "王建国",
        "phone": "17842555034",
        "email": None,
        "subject": "如何查询小额贷款公司是否持牌经营",
        "content": (
            "您好！我在本市高新区开了一家五金店，最近资金周转有点紧张。前几天有个业务员上门推销，"
            "说他们是“华信小额贷款有限公司”的，凭营业执照就能贷20万元，三天放款，月息1.2分。"
            "我担心碰到不正规的公司，想请问："
            "怎样才能查到这家公司是不是经过省里批准的正规小额贷款公司？贵局网站上有没有公开的名单？"
            "另外，小额贷款公司收的利息有没有上限？谢谢！"
        ),
        "consent_publish": True,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": None,
        "return_comment": None,
        "reply": None,
    },
    {
        "key": "d02",
        "kind": "complaint",
        "channel": "wechat",
        "state": "received",
        "division": None,
        "received_days_ago": 1,
        "citizen_name": "李秀兰",
        "phone": "13806549121",
        "email": "lixiulan1968@example.com",
        "subject": "融资担保公司拒不退还履约保证金",
        "content": (
            "我去年通过本市恒通融资担保有限公司在银行办了一笔50万元的经营贷款，"
            "担保公司当时除了收取2%的担保费，还要求我另交5万元“履约保证金”，说贷款结清后全额退还。"
            "两个多月前我已经把银行贷款全部还清，拿着结清证明去找担保公司，对方一直以“财务在走流程”"
            "“领导出差”为由拖着不退，现在打电话也不接了。请问担保公司这样做合法吗？"
            "恳请贵局督促其尽快退还我的保证金。"
        ),
        "consent_publish": False,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": None,
        "return_comment": None,
        "reply": None,
    },
    {
        "key": "d03",
        "kind": "mailbox",
        "channel": "web",
        "state": "received",
        "division": None,
        "received_days_ago": 2,
        "citizen_name": "张伟民",
        "phone": "13135034466",
        "email": "zhangwm@example.cn",
        "subject": "建议加大防范养老领域非法集资宣传力度",
        "content": (
            "尊敬的局长：您好！我是一名退休教师，住在本市城东区。近半年我们小区先后有好几拨人以"
            "“养老公寓床位预订”“保健品消费返利”为名拉老人入会，我母亲也差点交了3万元“会员费”。"
            "社区里的老人信息来源少，很多人分不清什么是正规理财、什么是非法集资。建议贵局联合街道、"
            "社区多搞一些面对面的宣传，比如在社区活动室放宣传片、发大字版的宣传册，"
            "再公布一个老人容易记住的举报电话。希望我们的意见能被采纳。"
        ),
        "consent_publish": True,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": None,
        "return_comment": None,
        "reply": None,
    },
    {
        "key": "d04",
        "kind": "consultation",
        "channel": "phone",
        "state": "received",
        "division": None,
        "received_days_ago": 0,
        "citizen_name": "刘桂芳",
        "phone": "15579563094",
        "email": None,
        "subject": "咨询典当行绝当后能否赎回当物",
        "content": (
            "来电人称：其于三个月前将一块手表质押在本市某区宝泰典当行，当金1.8万元，当期一个月。"
            "当期届满后因在外地住院，未能按时赎当或续当，近日出院后去赎当，典当行称已经绝当，"
            "手表已经处理，只愿意补给她2000元。来电人认为该手表购买时价值4万多元，"
            "典当行处理过于草率，咨询典当行的做法是否合规、绝当后还能否赎回、应当向哪个部门反映。"
        ),
        "consent_publish": False,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": None,
        "return_comment": None,
        "reply": None,
    },
    {
        "key": "d05",
        "kind": "complaint",
        "channel": "web",
        "state": "received",
        "division": None,
        "received_days_ago": 38,
        "citizen_name": "陈志强",
        "phone": "18146338260",
        "email": "chenzq@example.com",
        "subject": "举报某投资咨询公司以私募基金名义集资",
        "content": (
            "我要举报位于本市经开区金融大厦18楼的“盛鼎投资咨询有限公司”。该公司员工通过电话、"
            "微信大量联系中老年人，以“私募基金内部认购”“年化收益12%、保本保息”为名吸收资金，"
            "起投5万元，每月按时返息，介绍新客户还有1%的提成。我父亲已经投了20万元，"
            "签的是公司自拟的《投资合作协议》，根本查不到任何备案的基金产品信息。最近返息开始拖延，"
            "公司门口经常有人讨说法。请有关部门尽快核查，防止更多老人上当。"
        ),
        "consent_publish": False,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": None,
        "return_comment": None,
        "reply": None,
    },
    {
        "key": "d06",
        "kind": "consultation",
        "channel": "web",
        "state": "received",
        "division": None,
        "received_days_ago": 16,
        "citizen_name": "杨丽华",
        "phone": "18205865167",
        "email": None,
        "subject": "民间借贷能否到登记服务机构办理登记",
        "content": (
            "您好，我和几位朋友准备借给本地一家农产品加工企业300万元，期限一年。"
            "听说本省有民间融资登记服务机构，借贷双方可以去登记备案，出了纠纷也更好处理。想咨询："
            "一是本市有没有这样的登记服务机构，地址在哪里；二是登记需要带哪些材料，是否收费；"
            "三是登记以后利率有什么限制，超过多少法院不支持。盼复。"
        ),
        "consent_publish": True,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": None,
        "return_comment": None,
        "reply": None,
    },
    {
        "key": "d07",
        "kind": "consultation",
        "channel": "weibo",
        "state": "received",
        "division": None,
        "received_days_ago": 8,
        "citizen_name": "赵德胜",
        "phone": "17801992045",
        "email": None,
        "subject": "询问“鑫利来”网贷平台兑付进度",
        "content": (
            "@本省地方金融监督管理局 我是“鑫利来”网贷平台的出借人，几年前在平台上出借了8.6万元，"
            "平台出事以后一直没有任何消息。听说本市公安机关早就立案了，但兑付到现在没有进展，"
            "群里的出借人都很着急。请问这个平台目前清退到哪一步了？"
            "追回来的资金什么时候能按比例兑付？我们出借人应该通过什么渠道登记债权、了解进度？"
        ),
        "consent_publish": True,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": None,
        "return_comment": None,
        "reply": None,
    },
    {
        "key": "d08",
        "kind": "complaint",
        "channel": "web",
        "state": "received",
        "division": None,
        "received_days_ago": 28,
        "citizen_name": "黄晓燕",
        "phone": "15580580335",
        "email": "hxy_0731@example.com",
        "subject": "小额贷款公司实际融资成本远超合同约定",
        "content": (
            "我在鑫源小额贷款股份有限公司借了5万元，合同写的是年利率15%，期限12个月。"
            "但放款时公司先扣了5000元“服务费”，实际到手只有4.5万元，之后每月还要另交300元"
            "“账户管理费”。我自己算了一下，综合下来年化成本超过了35%。我认为这是变相的“砍头息”，"
            "要求贵局调查该公司的收费情况，并责令退还多收的费用。借款合同、"
            "转账记录和收费凭证我都保留着，可以提供。"
        ),
        "consent_publish": False,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": None,
        "return_comment": None,
        "reply": None,
    },
    {
        "key": "d09",
        "kind": "mailbox",
        "channel": "web",
        "state": "received",
        "division": None,
        "received_days_ago": 3,
        "citizen_name": "周海涛",
        "phone": "18186082144",
        "email": "zhouht@example.cn",
        "subject": "关于优化局门户网站持牌机构查询功能的建议",
        "content": (
            "局长您好：我是一家小微企业的财务人员，经常需要核实合作方是否为持牌的地方金融组织。"
            "目前贵局网站上的小额贷款公司、融资担保公司名单是PDF附件，分散在不同年份的通知里，"
            "有的已经注销的公司也没有标注，查起来很不方便。建议在网站首页增加一个统一的"
            "“持牌机构查询”入口，可以按名称、统一社会信用代码搜索，并注明许可状态和更新时间。谢谢！"
        ),
        "consent_publish": True,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": None,
        "return_comment": None,
        "reply": None,
    },
    {
        "key": "d10",
        "kind": "consultation",
        "channel": "web",
        "state": "received",
        "division": None,
        "received_days_ago": 1,
        "citizen_name": "吴玉梅",
        "phone": "13097499213",
        "email": "wuyumei@example.com",
        "subject": "申请公开本省典当行许可名单",
        "content": (
            "贵局：本人依据《中华人民共和国政府信息公开条例》，申请公开以下政府信息："
            "截至目前本省持有《典当经营许可证》的典当行名单，包括名称、住所、注册资本和许可证编号，"
            "以及近一年内被注销许可证的典当行名单。用途为核实交易对象及个人研究。"
            "如上述信息已主动公开，请告知获取途径；如需提供，希望以电子邮件方式提供。谢谢！"
        ),
        "consent_publish": False,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": None,
        "return_comment": None,
        "reply": None,
    },
    {
        "key": "d11",
        "kind": "complaint",
        "channel": "web",
        "state": "not_accepted",
        "division": None,
        "received_days_ago": 5,
        "citizen_name": "徐国平",
        "phone": "17757760143",
        "email": "xugp@example.com",
        "subject": "信用卡分期手续费过高且催收骚扰家人",
        "content": (
            "我在某股份制商业银行办了一张信用卡，去年生意亏损后申请了账单分期，分36期，"
            "银行说手续费每期0.6%，实际算下来年化接近13%，这个情况办理时根本没跟我说清楚。"
            "现在我逾期两个月，银行委托的催收公司每天打我家人和单位同事的电话，"
            "严重影响我的工作和生活。请贵局出面要求银行减免部分手续费、停止骚扰我的家人。"
        ),
        "consent_publish": False,
        "not_accepted_reason": (
            "您好！您反映的是商业银行信用卡分期收费及委外催收问题。"
            "商业银行由国家金融监督管理总局及其派出机构监管，不属于我局职责范围。"
            "建议您向国家金融监督管理总局本省监管局反映，或拨打金融消费者投诉热线12378。"
            "感谢您的理解。"
        ),
        "handback_reason": None,
        "draft": None,
        "return_comment": None,
        "reply": None,
    },
    {
        "key": "d12",
        "kind": "consultation",
        "channel": "phone",
        "state": "not_accepted",
        "division": None,
        "received_days_ago": 8,
        "citizen_name": "孙静怡",
        "phone": "15179622490",
        "email": None,
        "subject": "朋友借款不还能否由金融局出面追讨",
        "content": (
            "来电人称：前几年其朋友以做生意为由向其借款12万元，双方签有借条，约定一年后归还，"
            "月利息1分。到期后朋友只还了2万元，现在电话不接、微信也把她拉黑了。"
            "来电人询问金融监管局能否出面帮其追讨借款，或者将对方列入“黑名单”。"
        ),
        "consent_publish": False,
        "not_accepted_reason": (
            "您好！您反映的是自然人之间的民间借贷纠纷，属于平等民事主体之间的债权债务关系，"
            "不属于我局行政监管职责范围，我局无法代为追讨。建议您保存好借条、转账记录等证据，"
            "依法向人民法院提起诉讼，也可以先申请人民调解。感谢您的理解。"
        ),
        "handback_reason": None,
        "draft": None,
        "return_comment": None,
        "reply": None,
    },
    {
        "key": "d13",
        "kind": "mailbox",
        "channel": "weibo",
        "state": "not_accepted",
        "division": None,
        "received_days_ago": 12,
        "citizen_name": "马立军",
        "phone": "13375165614",
        "email": None,
        "subject": "强烈要求你们管一管这件事",
        "content": (
            "你们到底管不管事？我前前后后找了好多部门，每个部门都让我去找别的部门，"
            "钱的事到现在也没个说法。老百姓的血汗钱就这么没了？今天必须给我一个答复，"
            "再不处理我就去省里反映，把事情发到网上让大家都看看你们的工作作风！！！"
        ),
        "consent_publish": False,
        "not_accepted_reason": (
            "您好！您的来信未说明所反映的具体事项，包括涉及的机构或个人名称、发生时间、"
            "涉及金额和具体诉求等，我局无法据此核实办理。请您补充上述具体情况及相关材料后，"
            "通过本平台重新提交，我局将依法依规及时处理。感谢您的理解与支持。"
        ),
        "handback_reason": None,
        "draft": None,
        "return_comment": None,
        "reply": None,
    },
    {
        "key": "d14",
        "kind": "complaint",
        "channel": "web",
        "state": "not_accepted",
        "division": None,
        "received_days_ago": 6,
        "citizen_name": "朱红霞",
        "phone": "13053235269",
        "email": "zhuhongxia@example.cn",
        "subject": "举报上市公司信息造假致股价暴跌",
        "content": (
            "我从去年开始持有本省一家上市公司“某某科技”的股票，买入均价18元。"
            "该公司半年报还宣称订单饱满、业绩大增，结果年报突然巨亏，股价一个月跌到6元多，"
            "我亏了将近20万元。我认为该公司涉嫌财务造假、误导投资者，"
            "另外某证券公司营业部的客户经理也一直推荐我加仓。请贵局调查这家公司和证券公司，"
            "为我们中小股民讨回公道。"
        ),
        "consent_publish": False,
        "not_accepted_reason": (
            "您好！您反映的上市公司信息披露及证券公司营业部从业人员执业问题，"
            "属于中国证券监督管理委员会及其派出机构的监管职责，不属于我局职责范围。"
            "建议您向中国证监会本省监管局反映，或拨打证监会热线12386；涉及民事赔偿的，"
            "可依法向人民法院提起诉讼。感谢您的理解。"
        ),
        "handback_reason": None,
        "draft": None,
        "return_comment": None,
        "reply": None,
    },
    {
        "key": "d15",
        "kind": "mailbox",
        "channel": "web",
        "state": "not_accepted",
        "division": None,
        "received_days_ago": 3,
        "citizen_name": "胡永福",
        "phone": "13559564190",
        "email": None,
        "subject": "再次反映“钱满仓”网贷平台兑付问题",
        "content": (
            "局长您好，我月初已经在网上反映过“钱满仓”平台兑付的事情，到现在还没有回音，"
            "只好再写一次。我几年前在“钱满仓”出借了4万元，平台停业后就再也没有兑付过，"
            "平台所在的区里也一直没有公布进展。我年纪大了，这是我攒的看病钱。请局长督促一下，"
            "尽快给我们出借人一个说法。"
        ),
        "consent_publish": False,
        "not_accepted_reason": (
            "您好！您此前通过本平台就“钱满仓”网贷平台兑付问题提交的来信，"
            "我局已受理并转民间融资监管处办理，目前尚在办理期限内。本次来信内容与前信相同，"
            "未反映新的情况和理由，不再重复受理，办理结果将在前信中一并答复您。感谢您的理解。"
        ),
        "handback_reason": None,
        "draft": None,
        "return_comment": None,
        "reply": None,
    },
    {
        "key": "d16",
        "kind": "complaint",
        "channel": "web",
        "state": "assigned",
        "division": "银行一处",
        "received_days_ago": 45,
        "citizen_name": "郭淑珍",
        "phone": "18597844368",
        "email": None,
        "subject": "小额贷款公司暴力催收骚扰老人",
        "content": (
            "我儿子去年在华信小额贷款有限公司借了3万元，因为失业有两期没还上。最近一个月，"
            "这家公司委托的催收人员天天打电话辱骂，还把我儿子的照片做成“通缉令”"
            "发到我们小区业主群里，半夜上门在门上喷漆写“欠债还钱”。我今年68岁，有高血压，"
            "被吓得整夜睡不着。我们不是不还钱，只是希望能协商分期。"
            "请贵局严查这家公司的暴力催收行为！"
        ),
        "consent_publish": False,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": None,
        "return_comment": None,
        "reply": None,
    },
    {
        "key": "d17",
        "kind": "consultation",
        "channel": "web",
        "state": "assigned",
        "division": "银行二处",
        "received_days_ago": 21,
        "citizen_name": "何振宇",
        "phone": "15114483266",
        "email": "hezy@example.com",
        "subject": "咨询设立融资租赁公司的条件和流程",
        "content": (
            "您好！我们是本市一家工程机械经销企业，"
            "准备联合两家股东在本市自贸片区设立一家融资租赁公司，"
            "主要为中小施工企业提供设备融资租赁服务。想咨询："
            "1.目前新设融资租赁公司是否需要地方金融监管部门审批或备案？2.注册资本有没有最低要求，"
            "是否需要实缴？3.对股东资质、高管任职有哪些要求？4.业务上有没有杠杆倍数、"
            "集中度方面的限制？烦请告知办理流程和需要准备的材料，谢谢。"
        ),
        "consent_publish": True,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": None,
        "return_comment": None,
        "reply": None,
    },
    {
        "key": "d18",
        "kind": "complaint",
        "channel": "web",
        "state": "assigned",
        "division": "金融稳定处",
        "received_days_ago": 52,
        "citizen_name": "高春燕",
        "phone": "18136703015",
        "email": "gaocy@example.cn",
        "subject": "举报“康寿源”养老项目吸收老人资金",
        "content": (
            "我母亲今年72岁，去年被人带去听“康寿源养老服务有限公司”的健康讲座，"
            "之后陆续交了15万元购买“养老公寓床位使用权”，合同约定每年返还10%的“租金收益”，"
            "三年后可以全额退款或入住。该公司在本市新城区、城东区都设有门店，每周组织老人旅游、"
            "领鸡蛋，会员据说有上千人。最近公司说要“升级改造”，暂停返款。"
            "我怀疑这是以养老为名的非法集资，请政府尽快介入，保护老人的养老钱。"
        ),
        "consent_publish": False,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": None,
        "return_comment": None,
        "reply": None,
    },
    {
        "key": "d19",
        "kind": "mailbox",
        "channel": "web",
        "state": "assigned",
        "division": "民间融资监管处",
        "received_days_ago": 30,
        "citizen_name": "林家豪",
        "phone": "13959538768",
        "email": "linjh@example.com",
        "subject": "对网贷机构清退工作的几点意见",
        "content": (
            "尊敬的局长：我是一名网贷出借人，在本省已停业的两家网贷平台共有出借本金约12万元。"
            "这几年我感受到贵局和公安机关做了大量工作，但也有几点意见：一是清退进度信息公开太少，"
            "出借人只能在群里听各种传言；二是部分借款人有能力还款却恶意逃废债，希望加大追偿力度，"
            "并纳入征信；三是建议定期召开出借人代表座谈会，当面通报情况。希望局长能看到我们的呼声。"
        ),
        "consent_publish": True,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": None,
        "return_comment": None,
        "reply": None,
    },
    {
        "key": "d20",
        "kind": "complaint",
        "channel": "wechat",
        "state": "assigned",
        "division": "交易市场监管处",
        "received_days_ago": 29,
        "citizen_name": "罗美玲",
        "phone": "13190981729",
        "email": None,
        "subject": "文化产权交易中心藏品份额交易亏损",
        "content": (
            "我去年经朋友介绍在“汇艺文化产权交易中心”开户，购买了所谓的“字画份额化藏品”，"
            "一幅字画被拆成10万份在线上挂牌，每天都可以买卖，平台还有“做市商”。刚开始涨得很快，"
            "后来连续跌停，我投入的8万元现在只剩不到2万元，想卖也卖不出去。"
            "听说国家不允许把艺术品拆成份额连续交易，请问这个交易中心是不是合法的？"
            "希望监管部门查处，帮我们挽回损失。"
        ),
        "consent_publish": False,
        "not_accepted_reason": None,
        "handback_reason": (
            "来信反映的是文化产权交易场所份额化交易问题，该中心为本省批准设立的交易场所，"
            "其交易品种和交易规则的监管属交易市场监管处职责，目前暂无证据显示其涉嫌非法集资。"
            "建议改派交易市场监管处办理，如发现集资线索我处将配合。"
        ),
        "draft": None,
        "return_comment": None,
        "reply": None,
    },
    {
        "key": "d21",
        "kind": "consultation",
        "channel": "web",
        "state": "assigned",
        "division": "银行一处",
        "received_days_ago": 7,
        "citizen_name": "郑宏伟",
        "phone": "13108406430",
        "email": "zhenghw@example.cn",
        "subject": "咨询个人能否发起设立典当行",
        "content": (
            "您好，我在本市从事二手奢侈品回收多年，有一定的客户资源，想申请开一家典当行，"
            "主要做黄金、手表、箱包等民品典当。请问：1.个人能不能作为股东发起设立典当行？"
            "2.注册资本最低要多少？3.现在典当行的设立审批由哪个部门负责，是省局还是市里？"
            "4.从申请到拿证一般需要多长时间？谢谢解答。"
        ),
        "consent_publish": True,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": None,
        "return_comment": None,
        "reply": None,
    },
    {
        "key": "d22",
        "kind": "complaint",
        "channel": "web",
        "state": "assigned",
        "division": "保险与担保处",
        "received_days_ago": 27,
        "citizen_name": "梁晓东",
        "phone": "18742246029",
        "email": "liangxd@example.com",
        "subject": "融资担保公司收取多项费用加重企业负担",
        "content": (
            "我们是本市某区一家食品加工小微企业，今年初通过瑞丰融资担保有限公司担保，"
            "在银行办理了100万元流动资金贷款，期限一年。担保公司收取担保费3万元，另外收取“评审费”"
            "8000元、“咨询服务费”1.5万元，合计超过5%，而且所谓咨询服务根本没有提供。"
            "听说国家要求降低小微企业融资担保费率，请问这些收费是否合规？"
            "我们能否要求退还不合理的费用？"
        ),
        "consent_publish": False,
        "not_accepted_reason": None,
        "handback_reason": (
            "来信反映的是融资担保公司收取担保费、评审费等问题，不属于小额贷款公司及典当行监管范围，"
            "我处无法办理。请改派保险与担保处。"
        ),
        "draft": None,
        "return_comment": None,
        "reply": None,
    },
    {
        "key": "d23",
        "kind": "mailbox",
        "channel": "web",
        "state": "assigned",
        "division": "人事处",
        "received_days_ago": 19,
        "citizen_name": "谢桂英",
        "phone": "13705241857",
        "email": "xiegy@example.com",
        "subject": "咨询局属事业单位招聘笔试成绩复核",
        "content": (
            "局长您好！我参加了贵局所属金融服务中心今年的公开招聘考试，报考的是“风险监测岗”。"
            "笔试成绩公布后，我的成绩与我自己估算的相差较大，只差0.5分没能进入面试。"
            "公告上没有写明成绩复核的渠道和时限，我打了两次人事处电话都没人接。"
            "想请问能否申请笔试成绩复核？需要提交什么材料？希望能得到答复。"
        ),
        "consent_publish": False,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": None,
        "return_comment": None,
        "reply": None,
    },
    {
        "key": "d24",
        "kind": "consultation",
        "channel": "phone",
        "state": "assigned",
        "division": "银行二处",
        "received_days_ago": 2,
        "citizen_name": "宋明辉",
        "phone": "18154532695",
        "email": None,
        "subject": "咨询商业保理公司是否需要监管许可",
        "content": (
            "来电人称：其所在企业为本市一家汽车零部件供应商，近期有一家“中恒商业保理有限公司”上门，"
            "称可以用企业对整车厂的应收账款做保理融资，年化费率8%左右。来电人咨询："
            "商业保理公司是否需要金融监管部门批准，如何核实该公司是否在监管名单内，"
            "以及签订保理合同时需要注意什么。"
        ),
        "consent_publish": False,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": None,
        "return_comment": None,
        "reply": None,
    },
    {
        "key": "d25",
        "kind": "complaint",
        "channel": "web",
        "state": "assigned",
        "division": "金融稳定处",
        "received_days_ago": 3,
        "citizen_name": "唐婉清",
        "phone": "15194075613",
        "email": None,
        "subject": "举报以虚拟货币“链享币”名义拉人集资",
        "content": (
            "最近我们单位好几个同事都在玩一个叫“链享币”的项目，说是区块链数字资产，买一台“云矿机”"
            "要3000元，每天能产币，一个月回本，拉人进来还有团队奖励。"
            "他们在本市高新区某写字楼里租了办公室，每周六开“财富分享会”，"
            "我身边已经有人投入十几万元。听说国家禁止虚拟货币交易炒作，这个项目明显是拉人头的，"
            "请有关部门尽快核查处理。"
        ),
        "consent_publish": False,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": None,
        "return_comment": None,
        "reply": None,
    },
    {
        "key": "d26",
        "kind": "consultation",
        "channel": "web",
        "state": "assigned",
        "division": "交易市场监管处",
        "received_days_ago": 1,
        "citizen_name": "许志刚",
        "phone": "18364442787",
        "email": "xuzg@example.com",
        "subject": "咨询企业到区域性股权市场挂牌的条件",
        "content": (
            "您好！我公司是本市一家从事环保设备研发的科技型中小企业，成立四年，"
            "去年营业收入2600万元。听说本省区域性股权市场可以帮助企业挂牌展示、对接投资机构，"
            "还能发行可转债。想咨询：挂牌需要满足哪些条件？是否需要先完成股份制改造？"
            "挂牌费用大概多少？挂牌后是否可以向社会公众募集资金？"
        ),
        "consent_publish": True,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": None,
        "return_comment": None,
        "reply": None,
    },
    {
        "key": "d27",
        "kind": "complaint",
        "channel": "weibo",
        "state": "assigned",
        "division": "民间融资监管处",
        "received_days_ago": 4,
        "citizen_name": "韩雪梅",
        "phone": "18895589409",
        "email": None,
        "subject": "“惠民e贷”清退多年仍未兑付",
        "content": (
            "“惠民e贷”平台当年宣布良性退出，承诺三年内按比例兑付，运营公司是本市某区的"
            "“惠民网络科技有限公司”。到现在早就过了三年，我出借的6.5万元只兑付了不到8%，"
            "平台APP早就打不开了，客服电话是空号。我们出借人多次到公司原址，早已人去楼空。"
            "请监管部门告诉我们，平台的清退还在不在推进？借款人的欠款有没有人在催收？"
            "我们的钱到底还能不能回来？"
        ),
        "consent_publish": True,
        "not_accepted_reason": None,
        "handback_reason": (
            "经查，“惠民e贷”平台已纳入本省网络借贷机构清退名单，"
            "清退和兑付工作由民间融资监管处牵头推进，我处未掌握其最新兑付数据。为便于准确答复，"
            "建议改派民间融资监管处办理。"
        ),
        "draft": None,
        "return_comment": None,
        "reply": None,
    },
    {
        "key": "d28",
        "kind": "consultation",
        "channel": "web",
        "state": "assigned",
        "division": "政策法规处",
        "received_days_ago": 2,
        "citizen_name": "冯宝山",
        "phone": "13810208604",
        "email": "fengbs@example.cn",
        "subject": "咨询小额贷款公司监管新规的本省实施安排",
        "content": (
            "您好，我是本省一家小额贷款公司的合规专员。国家近期对加强小额贷款公司监管提出了新要求，"
            "对融资杠杆、单户贷款集中度、网络小贷业务范围等都有新规定。想请问："
            "本省是否会出台相应的实施细则？过渡期如何安排？对于存量的超过单户上限的贷款，"
            "是要求一次性压降还是逐步压降？盼复为感。"
        ),
        "consent_publish": False,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": None,
        "return_comment": None,
        "reply": None,
    },
    {
        "key": "d29",
        "kind": "mailbox",
        "channel": "wechat",
        "state": "assigned",
        "division": "综合处",
        "received_days_ago": 0,
        "citizen_name": "邓丽萍",
        "phone": "18392844120",
        "email": None,
        "subject": "建议在微信公众号开通办件进度查询",
        "content": (
            "局长您好！上个月我通过贵局网站反映了一个问题，很快就接到了处室的电话回访，态度很好，"
            "非常感谢。不过我平时习惯用手机，网页版的进度查询要输入查询码，手机上操作不太方便。"
            "建议在贵局微信公众号里增加“我的留言”功能，绑定手机号后可以直接看到办理进度和答复内容，"
            "也方便老年人使用。一点小建议，供参考。"
        ),
        "consent_publish": True,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": None,
        "return_comment": None,
        "reply": None,
    },
    {
        "key": "d30",
        "kind": "consultation",
        "channel": "web",
        "state": "assigned",
        "division": "民间融资监管处",
        "received_days_ago": 3,
        "citizen_name": "曹文斌",
        "phone": "13870152397",
        "email": "caowb@example.com",
        "subject": "投资咨询公司能否接受委托代客理财",
        "content": (
            "您好！本市经开区有家“聚丰投资咨询有限公司”在朋友圈宣传“专业团队代客理财，"
            "年化收益8%至15%”，可以签委托理财协议，由公司操作客户的资金。我想请教："
            "这家公司营业执照上写的是“投资咨询（不含金融、证券、期货）”，"
            "这样的公司能不能接受客户资金代为理财？如果我把钱交给他们，出了问题受不受法律保护？"
        ),
        "consent_publish": False,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": None,
        "return_comment": None,
        "reply": None,
    },
    {
        "key": "d31",
        "kind": "complaint",
        "channel": "web",
        "state": "in_review",
        "division": "银行一处",
        "received_days_ago": 36,
        "citizen_name": "彭凤英",
        "phone": "17792174167",
        "email": "pengfy@example.com",
        "subject": "小额贷款公司变相收取“砍头息”",
        "content": (
            "去年年底，我在本市城南区的“金穗小额贷款有限公司”借款10万元用于进货，"
            "合同约定月利率1.5%，期限6个月。放款当天，"
            "业务员要求我把其中1.2万元转到公司指定的个人账户，说是“前期服务费和保证金”，"
            "到期可以退。现在贷款已经结清，公司却说服务费不退，保证金也要扣一半作违约金。"
            "我认为这就是砍头息，请贵局依法查处并责令退还。"
        ),
        "consent_publish": False,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": (
            "彭凤英女士：您好！您反映金穗小额贷款有限公司收取“前期服务费和保证金”的问题收悉。"
            "我处已会同城南区地方金融工作部门开展调查，调取了您的借款合同、"
            "放款流水及该公司业务台账。经核实，该公司在放款当日通过员工个人账户收取您1.2万元，"
            "属于从贷款本金中先行扣除费用的行为，"
            "违反了《中国银保监会办公厅关于加强小额贷款公司监督管理的通知》"
            "（银保监办发〔2020〕86号）关于小额贷款公司不得从贷款本金中先行扣除利息、手续费、"
            "管理费、保证金的规定。我处已责令该公司于15个工作日内向您全额退还上述款项，"
            "对公司负责人进行监管约谈，并要求公司对经办员工违规使用个人账户收款的行为作出内部处理、"
            "将处理结果报我处备案。退款到期后我处将电话与您核实。感谢您对我局工作的关注和支持。"
        ),
        "return_comment": (
            "请补充认定“砍头息”的具体依据，并说明对经办员工违规使用个人账户收款的处理情况；"
            "退款期限到期后要回访核实，答复中请写明。"
        ),
        "reply": None,
    },
    {
        "key": "d32",
        "kind": "consultation",
        "channel": "web",
        "state": "in_review",
        "division": "政策法规处",
        "received_days_ago": 14,
        "citizen_name": "曾庆华",
        "phone": "19985871775",
        "email": "zengqh@example.cn",
        "subject": "申请公开本省融资担保公司许可名单",
        "content": (
            "贵局：根据《中华人民共和国政府信息公开条例》，本人申请公开以下政府信息："
            "1.本省现持有《融资担保业务经营许可证》的融资担保公司名单，含名称、注册资本、"
            "许可证编号、发证日期；2.近两年被贵局注销融资担保业务经营许可证的公司名单。获取方式："
            "电子邮件。用途：本人所在律师事务所为客户开展尽职调查需要。"
        ),
        "consent_publish": False,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": (
            "曾庆华先生：您好！您提交的政府信息公开申请收悉，经审查，答复如下：一、"
            "您申请的本省融资担保公司许可名单，属于我局已主动公开的政府信息，您可通过我局门户网站"
            "“政府信息公开—行政许可—融资担保”栏目查阅，名单按季度更新，载明公司名称、注册资本、"
            "许可证编号及发证日期。二、近两年注销融资担保业务经营许可证的公告，我局均已在门户网站"
            "“通知公告”栏目发布，相关链接已汇总发送至您的电子邮箱。"
            "根据《中华人民共和国政府信息公开条例》第三十六条第（一）项规定，"
            "所申请公开信息已经主动公开的，告知申请人获取该政府信息的方式和途径。如对本答复不服，"
            "可自收到本答复之日起60日内向省人民政府申请行政复议，"
            "或者在6个月内向人民法院提起行政诉讼。"
        ),
        "return_comment": None,
        "reply": None,
    },
    {
        "key": "d33",
        "kind": "complaint",
        "channel": "web",
        "state": "in_review",
        "division": "交易市场监管处",
        "received_days_ago": 28,
        "citizen_name": "萧思远",
        "phone": "19181997905",
        "email": None,
        "subject": "大宗商品交易中心会员单位诱导频繁交易",
        "content": (
            "我在“华鼎大宗商品交易中心”的一家会员单位开户做白银现货延期交易，客户经理自称“分析师”，"
            "天天在群里喊单，让我们加杠杆、频繁进出。三个月我入金28万元，手续费和“递延费”"
            "就交了6万多，最后账户只剩3万元。后来才知道那些“分析师”都是会员单位的业务员，"
            "按客户手续费拿提成。请问这个交易中心是合法的吗？它的交易模式符不符合国家规定？"
        ),
        "consent_publish": False,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": (
            "萧思远先生：您好！您反映在华鼎大宗商品交易中心会员单位开户交易亏损的问题收悉。经核实，"
            "华鼎大宗商品交易中心为经省人民政府批准设立的大宗商品交易场所。"
            "根据《国务院关于清理整顿各类交易场所切实防范金融风险的决定》（国发〔2011〕38号）规定，"
            "除依法设立的证券、期货交易所等以外，任何交易场所均不得采取集中竞价、"
            "做市商等集中交易方式进行标准化合约交易。针对该中心白银现货延期交易品种，"
            "我处已要求其暂停新开仓，并组织专项检查核查其交易模式是否合规；针对会员单位业务人员"
            "“喊单”、诱导频繁交易的问题，我处已责令交易中心暂停涉事会员单位业务，"
            "并于20个工作日内报送核查和处理结果。您与会员单位之间的民事纠纷，可向交易中心申请调解，"
            "或依法向人民法院起诉。核查结果我处将另行告知您。感谢您对我局工作的关注和支持。"
        ),
        "return_comment": (
            "初稿中“已通过清理整顿检查验收”的表述未经核实，请删除；"
            "请补充该交易品种是否符合国发〔2011〕38号文的分析，写明对会员单位的处理措施和时限。"
        ),
        "reply": None,
    },
    {
        "key": "d34",
        "kind": "mailbox",
        "channel": "web",
        "state": "in_review",
        "division": "金融稳定处",
        "received_days_ago": 18,
        "citizen_name": "田玉兰",
        "phone": "15374558852",
        "email": None,
        "subject": "建议在农村地区加强防范非法集资宣传",
        "content": (
            "局长您好！我是本省某县一名村委会干部。这两年我们乡镇陆续出现打着“合作社入股分红”"
            "“农业项目众筹”旗号到村里拉钱的人，承诺年收益20%，不少留守老人和妇女都投了钱，"
            "有的是养老钱，有的是孩子的学费。农村群众获取信息的渠道少，对非法集资认识不足。"
            "建议省里组织专门针对农村的宣传，编一些通俗易懂的案例，通过村广播、村民微信群来宣传，"
            "同时在乡镇一级建立举报联络员制度。"
        ),
        "consent_publish": True,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": (
            "田玉兰同志：您好！您关于在农村地区加强防范非法集资宣传的建议收悉，"
            "感谢您对防范非法集资工作的关心。您反映的以“合作社入股分红”“农业项目众筹”"
            "为名吸收资金的现象，是当前涉农领域非法集资的典型手法。我局将认真吸收您的建议："
            "一是组织编印涉农非法集资典型案例读本，通过村广播、村民微信群等渠道推送；"
            "二是会同农业农村部门对以合作社名义吸收资金的情况开展排查；"
            "三是推动各县区在乡镇明确防范非法集资工作联络员。您所在乡镇的具体线索，"
            "可拨打县处置非法集资牵头部门举报电话或通过本平台提交，我们将及时核查。"
            "感谢您对我局工作的关注和支持。"
        ),
        "return_comment": None,
        "reply": None,
    },
    {
        "key": "d35",
        "kind": "consultation",
        "channel": "wechat",
        "state": "in_review",
        "division": "银行一处",
        "received_days_ago": 4,
        "citizen_name": "董卫东",
        "phone": "15177837562",
        "email": None,
        "subject": "典当行收取的综合费用有没有上限",
        "content": (
            "你好，我上周用一辆开了两年的轿车在本市一家典当行办了汽车质押典当，当金10万元，"
            "期限一个月。典当行除了利息外，还收了4200元“综合服务费”，说是行业标准。我想问一下，"
            "典当行的利息和综合费用国家有没有规定上限？4200元是不是收多了？如果当期到了我想续当，"
            "费用怎么算？"
        ),
        "consent_publish": False,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": (
            "您好！您咨询的典当行收费问题收悉，现答复如下：根据《典当管理办法》第三十七条、"
            "第三十八条规定，典当当金利率按中国人民银行公布的银行机构6个月期法定贷款利率及典当期限"
            "折算后执行，当金利息不得预扣；典当综合费用包括各种服务及管理费用，"
            "动产质押典当的月综合费率不得超过当金的42‰。汽车质押属于动产质押典当，当金10万元、"
            "当期一个月的，月综合费用最高为4200元，您所述收费未超出上限。续当时需结清上期当金利息，"
            "续当期内的综合费用按上述标准另行计算。如发现典当行预扣利息或超标准收费，可向我局反映。"
            "感谢您对我局工作的关注和支持。"
        ),
        "return_comment": None,
        "reply": None,
    },
    {
        "key": "d36",
        "kind": "complaint",
        "channel": "web",
        "state": "in_review",
        "division": "保险与担保处",
        "received_days_ago": 3,
        "citizen_name": "袁秀珍",
        "phone": "15772240328",
        "email": "yuanxz@example.com",
        "subject": "担保公司以“风险处置费”为由扣留保证金",
        "content": (
            "我三年前通过本市某区的“安泰融资担保有限公司”担保贷款30万元，按要求交了3万元保证金。"
            "贷款已于今年初按期还清，银行也出具了结清证明。但担保公司说我之前有一期逾期了3天，"
            "银行曾通知他们准备代偿，所以要扣我1万元“风险处置费”，剩下的2万元也要等半年后再退。"
            "代偿根本没有发生，我认为他们是在找借口截留我的钱，请贵局主持公道。"
        ),
        "consent_publish": False,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": (
            "袁秀珍女士：您好！您反映安泰融资担保有限公司扣留保证金的问题收悉。我处已联系该公司，"
            "调阅了担保合同、保证金收取凭证及银行还款记录。经核实，您的贷款已于今年初全部结清，"
            "担保期间银行未向该公司发出代偿通知，该公司亦未实际履行代偿责任，担保合同中也未约定"
            "“风险处置费”条款。我处已约谈该公司负责人，"
            "责令其于10个工作日内向您全额退还3万元保证金，并对其保证金管理制度进行整改。"
            "我处将跟踪退款落实情况，请您收到退款后妥善保管收款凭证。感谢您对我局工作的关注和支持。"
        ),
        "return_comment": None,
        "reply": None,
    },
    {
        "key": "d37",
        "kind": "consultation",
        "channel": "web",
        "state": "in_review",
        "division": "民间融资监管处",
        "received_days_ago": 2,
        "citizen_name": "潘志远",
        "phone": "13299707013",
        "email": None,
        "subject": "民间融资登记服务中心收费是否合规",
        "content": (
            "您好！我上个月在本市民间融资登记服务中心登记了一笔借给朋友公司的借款，"
            "中心按借款金额收取了0.5%的登记服务费，还要求必须在他们推荐的律师事务所办理合同见证，"
            "另外又收了2000元。请问登记服务中心是否归贵局监管？登记服务费有没有收费标准？"
            "强制指定律所见证合理吗？"
        ),
        "consent_publish": False,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": (
            "潘志远先生：您好！您反映的本市民间融资登记服务中心收费问题收悉。经核实，"
            "该中心系经本市人民政府批准设立、接受我局业务指导的民间融资登记服务机构，"
            "其服务收费应当按照备案的标准公示执行。经查阅备案资料，"
            "该中心登记服务费标准为按借款金额的0.3%收取、单笔最高不超过3000元，"
            "您所缴0.5%的服务费超出了备案标准；合同见证属于借贷双方自愿选择的服务，"
            "中心不得强制指定律师事务所办理。我处已责令该中心退还多收费用，"
            "并对收费公示情况进行整改。感谢您对我局工作的关注和支持。"
        ),
        "return_comment": None,
        "reply": None,
    },
    {
        "key": "d38",
        "kind": "mailbox",
        "channel": "web",
        "state": "in_review",
        "division": "人事处",
        "received_days_ago": 4,
        "citizen_name": "蒋春生",
        "phone": "15830671458",
        "email": "jiangcs@example.cn",
        "subject": "关于今年公务员招录职位专业要求的疑问",
        "content": (
            "局长您好，我是本省一所高校金融工程专业的应届硕士研究生，准备报考今年省考贵局的"
            "“金融监管岗”。职位表上专业要求写的是“金融学、经济学”，没有列金融工程。我本科是金融学，"
            "硕士是金融工程，请问我能否报考？是以本科专业还是研究生专业为准？"
            "如果资格审查时出现争议，应当找哪个部门确认？"
        ),
        "consent_publish": True,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": (
            "蒋春生同学：您好！您关于公务员招录职位专业要求的来信收悉。"
            "根据本省今年公务员考试录用公告及职位表说明，具有研究生学历的报考者，"
            "其本科或研究生阶段所学专业之一符合职位要求的即可报考。您本科所学金融学专业符合我局"
            "“金融监管岗”的专业要求，可以报考。报名时请如实填写本科及研究生阶段专业信息，"
            "资格复审时需提供本科毕业证、学位证原件。如对专业审核仍有疑问，"
            "可在报名期间拨打公告公布的我局招录咨询电话。祝您考试顺利！"
        ),
        "return_comment": None,
        "reply": None,
    },
    {
        "key": "d39",
        "kind": "consultation",
        "channel": "phone",
        "state": "replied",
        "division": "银行一处",
        "received_days_ago": 12,
        "citizen_name": "蔡晓琳",
        "phone": "18713231864",
        "email": None,
        "subject": "如何核实贷款公司是否持牌",
        "content": (
            "来电人称：近期接到自称“融汇小额贷款有限公司”的电话推销，称可以无抵押贷款10万元、"
            "当天到账，但需要先交1500元“验资费”。来电人怀疑是诈骗，"
            "咨询如何核实对方是否为本省持牌的小额贷款公司，"
            "以及正规小额贷款公司是否会在放款前收取费用。"
        ),
        "consent_publish": False,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": None,
        "return_comment": None,
        "reply": (
            "您好！本省持牌小额贷款公司名单在我局门户网站“政府信息公开—监管名单”栏目公布，"
            "您可以输入公司全称查询，也可以拨打我局咨询电话核实。经查询，“融汇小额贷款有限公司”"
            "不在本省持牌名单内。正规小额贷款公司不会在放款前以“验资费”“保证金”“解冻费”"
            "等名义要求借款人转账，您所述情况具有典型的贷款诈骗特征，请不要转账，"
            "可向当地公安机关报案，或拨打96110反诈专线咨询。"
        ),
    },
    {
        "key": "d40",
        "kind": "consultation",
        "channel": "phone",
        "state": "replied",
        "division": "保险与担保处",
        "received_days_ago": 15,
        "citizen_name": "杜海燕",
        "phone": "18198365912",
        "email": None,
        "subject": "咨询融资担保公司是否持有经营许可证",
        "content": (
            "来电人称：其经营的装修公司拟申请银行贷款，银行客户经理推荐了一家“鼎盛融资担保有限公司”"
            "提供担保，担保费率2.5%。来电人担心该公司不正规，"
            "咨询如何确认这家公司是否持有融资担保业务经营许可证，以及融资担保费率一般在什么水平。"
        ),
        "consent_publish": False,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": None,
        "return_comment": None,
        "reply": (
            "您好！设立融资担保公司须经监督管理部门批准并取得《融资担保业务经营许可证》，"
            "未经批准任何单位不得经营融资担保业务。"
            "本省持证融资担保公司名单在我局门户网站按季度公布，您可以按名称查询，"
            "也可以要求该公司出示许可证，核对许可证编号、有效期与名单是否一致。"
            "担保费率由双方协商确定，政府性融资担保机构对小微企业的担保费率原则上不超过1%，"
            "商业性融资担保公司通常略高。建议您比较多家机构后再作选择，签约前仔细阅读收费条款。"
        ),
    },
    {
        "key": "d41",
        "kind": "consultation",
        "channel": "phone",
        "state": "replied",
        "division": "银行一处",
        "received_days_ago": 20,
        "citizen_name": "叶光明",
        "phone": "17728154237",
        "email": None,
        "subject": "咨询典当行当票遗失后如何赎当",
        "content": (
            "来电人称：其于上月在本市金诚典当有限责任公司典当一条金项链，当金6000元，当期一个月。"
            "近日搬家时不慎将当票遗失，担心无法赎回当物，也担心被他人冒领。"
            "来电人咨询当票遗失后应如何处理，是否需要登报声明。"
        ),
        "consent_publish": False,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": None,
        "return_comment": None,
        "reply": (
            "您好！当票遗失后，请您尽快携带本人有效身份证件到金诚典当有限责任公司办理挂失手续，"
            "典当行核实身份后可为您补办当票，可能需要交纳少量手续费，一般无需登报声明。"
            "如在挂失前当物已被他人持票赎当且典当行无过错的，典当行不承担赔偿责任，"
            "因此请务必尽早挂失。另外请留意当期，当期届满后5日内须赎当或续当，否则将视为绝当。"
            "如典当行拒绝办理挂失，可向我局反映。"
        ),
    },
    {
        "key": "d42",
        "kind": "consultation",
        "channel": "phone",
        "state": "replied",
        "division": "人事处",
        "received_days_ago": 25,
        "citizen_name": "程子涵",
        "phone": "18118078375",
        "email": None,
        "subject": "咨询事业单位招聘基层工作经历认定",
        "content": (
            "来电人称：其看到贵局所属金融服务中心发布的公开招聘公告，拟报考“综合管理岗”，但公告要求"
            "“具有2年以上基层工作经历”。来电人毕业后在民营企业工作了3年，"
            "咨询民营企业的工作经历是否计入基层工作经历，以及报名时需要提供哪些证明材料。"
        ),
        "consent_publish": True,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": None,
        "return_comment": None,
        "reply": (
            "您好！根据本次招聘公告说明，基层工作经历是指在县级及以下党政机关、企事业单位、村"
            "（社区）组织及其他经济组织、社会组织等的工作经历，您在民营企业的工作经历可以计算，"
            "时间计算截至公告规定的报名截止之日。报名时请上传劳动合同及相应期间的社会保险缴纳证明，"
            "资格复审时须提供原件。如有其他疑问，可在工作日拨打公告公布的咨询电话。"
        ),
    },
    {
        "key": "d43",
        "kind": "complaint",
        "channel": "web",
        "state": "replied",
        "division": "银行一处",
        "received_days_ago": 33,
        "citizen_name": "魏淑芬",
        "phone": "15034632026",
        "email": "weisf@example.com",
        "subject": "小贷公司催收人员冒充律师恐吓借款人",
        "content": (
            "我在“速融小额贷款有限公司”的手机APP上借了2万元，分12期还。"
            "上个月因为住院有一期晚还了5天，之后就不断有人打电话自称“某某律师事务所律师”，说我涉嫌"
            "“恶意逃废债”，三天内就要起诉我，还要通知我单位和村委会。我查了一下，根本没有这家律所。"
            "逾期的钱我早就还上了，他们仍然每天发短信恐吓。这种催收行为合法吗？请贵局调查。"
        ),
        "consent_publish": False,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": None,
        "return_comment": (
            "初稿只写了“已责令整改”，请补充认定违规的依据（银保监办发〔2020〕86号），"
            "写明对第三方催收机构的处理意见，并告知来信人如再遇骚扰可向公安机关报警。"
        ),
        "reply": (
            "魏淑芬女士：您好！您反映速融小额贷款有限公司催收人员冒充律师恐吓的问题收悉。经核实，"
            "该公司将部分逾期贷款委托给一家第三方催收机构，"
            "该机构人员在催收过程中冒用律师事务所名义、以通知单位和村委会相威胁，情况属实。"
            "根据《中国银保监会办公厅关于加强小额贷款公司监督管理的通知》（银保监办发〔2020〕86号）"
            "有关规定，小额贷款公司不得采取暴力、恐吓、侮辱、诽谤、骚扰等方式催收贷款，"
            "并应当加强对合作机构的管理。我局已约谈该公司负责人，责令其立即终止与该催收机构的合作、"
            "全面排查委外催收业务并限期整改，整改情况纳入年度监管评级。如您再受到骚扰，"
            "可向当地公安机关报警。感谢您对我局工作的关注和支持。"
        ),
    },
    {
        "key": "d44",
        "kind": "mailbox",
        "channel": "web",
        "state": "replied",
        "division": "金融稳定处",
        "received_days_ago": 40,
        "citizen_name": "苏建军",
        "phone": "19974965100",
        "email": None,
        "subject": "反映某农业公司以认购油茶林名义吸收资金",
        "content": (
            "局长您好！我要反映本省某县“绿源生态农业开发有限公司”的问题。该公司以“认购油茶林”"
            "“种植项目合伙”名义，在周边几个乡镇向群众吸收资金，每亩认购价2万元，"
            "承诺每年返还18%的收益，五年后回购。我舅舅和村里十几户人家都交了钱，少的几万，"
            "多的二十几万。今年以来公司迟迟不返收益，老板很少露面。请局长重视，派人查一查，"
            "别让老百姓的钱打了水漂。"
        ),
        "consent_publish": False,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": None,
        "return_comment": None,
        "reply": (
            "您好！您反映绿源生态农业开发有限公司以认购油茶林名义吸收资金的问题收悉。我局高度重视，"
            "已会同该县防范和处置非法集资工作牵头部门、公安机关开展核查。经初步调查，"
            "该公司未取得任何金融业务许可，以认购种植项目、承诺固定回报的方式向不特定群众吸收资金，"
            "具有《防范和处置非法集资条例》第二条规定的非法集资特征。该县已将相关线索移送公安机关，"
            "公安机关已依法立案侦查，并对公司账户及相关资产采取了冻结措施。"
            "请您和参与群众配合公安机关做好登记，保存好合同、收据和转账凭证。"
            "感谢您对我局工作的关注和支持。"
        ),
    },
    {
        "key": "d45",
        "kind": "consultation",
        "channel": "web",
        "state": "replied",
        "division": "政策法规处",
        "received_days_ago": 18,
        "citizen_name": "余长青",
        "phone": "18790688086",
        "email": "yucq@example.cn",
        "subject": "申请公开本省小额贷款公司名单",
        "content": (
            "贵局：本人依据《中华人民共和国政府信息公开条例》，"
            "向贵局申请公开本省目前正常经营的小额贷款公司名单，包括公司名称、注册地、"
            "注册资本以及是否获准开展网络小额贷款业务。本人为本省某高校金融专业教师，"
            "该信息用于教学案例研究。希望以电子版形式提供，谢谢。"
        ),
        "consent_publish": True,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": None,
        "return_comment": None,
        "reply": (
            "余长青老师：您好！您提交的政府信息公开申请收悉。经审查，"
            "您申请的本省正常经营小额贷款公司名单（含公司名称、注册地、"
            "注册资本及网络小额贷款业务资质），属于我局已主动公开的政府信息，您可登录我局门户网站，"
            "在“政府信息公开—监管名单—小额贷款公司”栏目查阅下载，名单按季度更新。"
            "根据《中华人民共和国政府信息公开条例》第三十六条第（一）项规定，"
            "所申请公开信息已经主动公开的，告知申请人获取该政府信息的方式和途径。如对本答复不服，"
            "可以自收到本答复之日起60日内向省人民政府申请行政复议，"
            "或者在6个月内向人民法院提起行政诉讼。"
        ),
    },
    {
        "key": "d46",
        "kind": "mailbox",
        "channel": "web",
        "state": "replied",
        "division": "综合处",
        "received_days_ago": 22,
        "citizen_name": "吕佳慧",
        "phone": "13250660070",
        "email": "lvjh@example.com",
        "subject": "感谢贵局工作人员帮助母亲避免损失",
        "content": (
            "尊敬的局长：您好！上个月我母亲差点被一家所谓“养老投资”公司骗走10万元，"
            "我在贵局网站上留言咨询后，第二天就接到了工作人员的电话。这位工作人员非常耐心，"
            "不仅帮我们查询到该公司没有任何金融资质，还一条条教我母亲如何识别非法集资，"
            "最后母亲放弃了投资。现在她逢人就说“政府的电话要多听”。特写此信，"
            "感谢贵局工作人员的负责态度，也希望这样的好作风继续保持。"
        ),
        "consent_publish": True,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": None,
        "return_comment": None,
        "reply": (
            "您好！您的来信收悉，感谢您对我局工作人员的肯定。"
            "帮助群众识别和防范非法集资是我们的职责所在，得知您母亲避免了财产损失，"
            "我们也感到十分欣慰。我局已将您的来信转达相关处室，并在局内通报表扬。当前以“养老投资”"
            "“养老服务”为名的非法集资仍时有发生，欢迎您继续帮助身边的老年朋友提高防范意识，"
            "如发现可疑线索，可通过本平台或拨打我局举报电话反映。再次感谢您对我局工作的关注和支持。"
        ),
    },
    {
        "key": "d47",
        "kind": "complaint",
        "channel": "wechat",
        "state": "replied",
        "division": "民间融资监管处",
        "received_days_ago": 45,
        "citizen_name": "丁国庆",
        "phone": "18730539025",
        "email": None,
        "subject": "“聚金宝”网贷平台兑付停滞",
        "content": (
            "我在“聚金宝”网贷平台出借了15万元。平台停业后，所在区政府成立了工作组，"
            "说会督促平台清收借款人欠款并分期兑付。前两年还按季度兑付过三次，累计兑付约12%，"
            "但从去年下半年开始再也没有兑付，工作组电话也打不通了。我们几百名出借人非常焦虑，"
            "请问清收工作是否还在进行？下一次兑付是什么时候？"
        ),
        "consent_publish": False,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": None,
        "return_comment": None,
        "reply": (
            "您好！您反映的“聚金宝”网贷平台兑付问题收悉。经了解，此前按季度开展的三次兑付，"
            "是区工作组督促平台回收借款人欠款后进行的。去年下半年，"
            "平台所在区公安分局以涉嫌非法吸收公众存款罪对平台运营公司立案侦查，"
            "平台账户及回款资金已依法冻结，后续兑付转入司法程序。"
            "根据《防范和处置非法集资条例》第二十五条规定，非法集资人应当向集资参与人清退集资资金，"
            "清退过程接受处置非法集资牵头部门监督。我局将配合办案机关做好资金追缴和清退工作。"
            "您可关注区公安分局发布的案件进展通报，如有新的财产线索，可向办案机关提交。"
            "感谢您对我局工作的关注和支持。"
        ),
    },
    {
        "key": "d48",
        "kind": "mailbox",
        "channel": "weibo",
        "state": "replied",
        "division": "金融稳定处",
        "received_days_ago": 28,
        "citizen_name": "任小燕",
        "phone": "13337406095",
        "email": None,
        "subject": "建议利用短视频开展防范非法集资宣传",
        "content": (
            "局长好！我是本市一名大学生，平时刷短视频发现很多“理财大师”“币圈导师”"
            "在直播间推荐高收益项目，评论区有很多中老年人留联系方式。相比发传单，"
            "现在年轻人和老年人都更爱看短视频。建议贵局开设官方短视频账号，用情景剧、"
            "真实案例的形式讲解非法集资套路，也可以和高校学生、社区志愿者合作，让宣传更接地气。"
        ),
        "consent_publish": True,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": None,
        "return_comment": None,
        "reply": (
            "您好！感谢您对防范非法集资宣传工作提出的建议。您关注到的利用短视频、"
            "直播推介高收益项目的现象，也是我局近期重点监测的风险领域。"
            "我局已在主要短视频平台开设政务账号，今年以来发布防范非法集资短视频40余条。下一步，"
            "我们将吸收您的建议，增加情景剧和案例解读类内容，并与本省高校合作招募大学生宣传志愿者，"
            "欢迎您关注并参与。如发现直播间涉嫌非法集资的线索，可通过本平台举报。"
            "感谢您对我局工作的关注和支持。"
        ),
    },
    {
        "key": "d49",
        "kind": "consultation",
        "channel": "web",
        "state": "replied",
        "division": "银行二处",
        "received_days_ago": 14,
        "citizen_name": "沈立新",
        "phone": "17769113610",
        "email": "shenlx@example.com",
        "subject": "融资租赁公司能否做车辆“回租”借款",
        "content": (
            "您好！本市有一家“远航融资租赁有限公司”在网上推广“车辆抵押借款”，说是用“回租”的方式，"
            "把我的车过户到他们名下，再租给我用，我每月还租金。我想借8万元周转。"
            "请问融资租赁公司能不能做这种业务？这样办理的话车辆所有权归谁，会不会有风险？"
        ),
        "consent_publish": True,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": None,
        "return_comment": None,
        "reply": (
            "您好！您咨询的融资租赁公司开展车辆“回租”业务问题收悉。"
            "根据《融资租赁公司监督管理暂行办法》（银保监发〔2020〕22号）规定，"
            "融资租赁公司不得从事吸收或变相吸收存款、发放或受托发放贷款等业务，"
            "融资租赁业务应当以真实的租赁物为载体。以车辆开展售后回租的，"
            "租赁期内车辆所有权归融资租赁公司，如您未按期支付租金，公司有权依约收回车辆。部分机构以"
            "“回租”之名实际开展车辆抵押放贷，并收取高额服务费、GPS费，风险较大。"
            "建议您签约前核实该公司是否在本省融资租赁公司名单内，仔细阅读合同条款，"
            "比较综合融资成本。感谢您对我局工作的关注和支持。"
        ),
    },
    {
        "key": "d50",
        "kind": "complaint",
        "channel": "web",
        "state": "replied",
        "division": "交易市场监管处",
        "received_days_ago": 50,
        "citizen_name": "姚桂兰",
        "phone": "18577054614",
        "email": None,
        "subject": "区域性股权市场挂牌企业私下出售股权",
        "content": (
            "前年有人向我推销本市“智联科技股份有限公司”的股权，"
            "说这家公司在本省区域性股权市场挂牌了，很快就要到北交所上市，每股2.8元，"
            "上市后至少翻五倍。我前后认购了5万股，付了14万元，拿到的只是一份《股权代持协议》。"
            "现在两年过去了，上市没有任何消息，公司也不回购。"
            "请问区域性股权市场挂牌企业可以这样向社会卖股权吗？股权市场运营机构有没有责任？"
        ),
        "consent_publish": False,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": None,
        "return_comment": None,
        "reply": (
            "您好！您反映的智联科技股份有限公司股权认购问题收悉。"
            "经向本省区域性股权市场运营机构核实，该公司于前年在股权市场展示板挂牌，"
            "挂牌期间未通过股权市场办理任何股权发行或转让业务，"
            "您所述股权代持认购系公司股东私下进行。根据《区域性股权市场监督管理试行办法》规定，"
            "区域性股权市场是为本省中小微企业证券非公开发行、转让提供服务的私募市场，"
            "挂牌企业不得公开或变相公开发行证券，挂牌也不代表即将上市。"
            "我局已要求运营机构约谈该公司并发布风险提示，"
            "相关线索已移送公安机关核查是否涉嫌非法集资。您与转让方之间的纠纷，"
            "可依法向人民法院起诉。感谢您对我局工作的关注和支持。"
        ),
    },
    {
        "key": "d51",
        "kind": "consultation",
        "channel": "web",
        "state": "closed",
        "division": "银行一处",
        "received_days_ago": 60,
        "citizen_name": "卢振华",
        "phone": "17319801253",
        "email": "luzh@example.cn",
        "subject": "咨询设立小额贷款公司的条件",
        "content": (
            "您好！我们集团是本省一家制造业民营企业，经营稳健，"
            "拟作为主发起人在本市设立一家小额贷款公司，主要服务产业链上下游小微企业。"
            "请问目前本省是否还受理小额贷款公司设立申请？主发起人需要满足什么条件？"
            "注册资本最低多少，是否须一次性实缴？审批流程大致怎样？"
        ),
        "consent_publish": True,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": None,
        "return_comment": None,
        "reply": (
            "您好！您咨询的设立小额贷款公司有关问题收悉，现答复如下：一、"
            "目前本省对小额贷款公司设立实行审慎审批，重点支持服务产业链、服务“三农”"
            "和小微企业的申请。二、主发起人应为依法设立的企业法人，近三年连续盈利，"
            "无重大违法违规记录，入股资金须为自有资金。三、"
            "小额贷款公司注册资本应为一次性实缴的货币资本，"
            "具体最低限额以本省小额贷款公司监督管理有关规定为准。四、"
            "申请材料经所在设区市地方金融工作部门初审后报我局审批。"
            "欢迎来电或到我局银行一处当面咨询。感谢您对我局工作的关注和支持。"
        ),
    },
    {
        "key": "d52",
        "kind": "complaint",
        "channel": "web",
        "state": "closed",
        "division": "保险与担保处",
        "received_days_ago": 75,
        "citizen_name": "姜文涛",
        "phone": "19825515671",
        "email": "jiangwt@example.com",
        "subject": "融资担保公司强制搭售关联公司理财产品",
        "content": (
            "我公司今年申请银行贷款200万元，由本市“金盾融资担保有限公司”担保。"
            "担保公司要求我们必须购买其关联公司的一份20万元理财产品，"
            "还要到其指定的保险代理公司投保，否则不予出具担保函。我们为了拿到贷款只能照办。"
            "请问担保公司这种强制搭售的行为是否合规？我们能否要求解除理财合同？"
        ),
        "consent_publish": False,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": None,
        "return_comment": None,
        "reply": (
            "您好！您反映金盾融资担保有限公司要求购买关联公司理财产品的问题收悉。经调查核实，"
            "该公司在为贵公司提供担保时，要求贵公司购买其关联公司发行的理财产品，情况属实。"
            "融资担保公司不得以搭售产品、捆绑服务等方式变相提高被担保人的融资成本。"
            "我局已依据《融资担保公司监督管理条例》有关规定，向该公司下达监管意见书，"
            "责令其立即停止搭售行为并限期整改，同时督促其关联公司为贵公司办理理财产品提前赎回，"
            "本金已于近日退还到账。我局将在后续现场检查中持续跟踪其整改情况。"
            "感谢您对我局工作的关注和支持。"
        ),
    },
    {
        "key": "d53",
        "kind": "mailbox",
        "channel": "web",
        "state": "closed",
        "division": "民间融资监管处",
        "received_days_ago": 90,
        "citizen_name": "崔玉珍",
        "phone": "13550664753",
        "email": None,
        "subject": "感谢对“众鑫贷”平台清退兑付工作的推动",
        "content": (
            "尊敬的局长：我是“众鑫贷”平台的出借人之一。平台出事以来，我们出借人一度非常绝望。"
            "但在贵局和区工作专班的督促下，平台坚持回收借款人欠款，并按季度公布回款情况，"
            "今年已完成第五次兑付，累计兑付比例达到41%。虽然离全额还有距离，"
            "但我们看到了政府的诚意和努力。特此来信表示感谢，"
            "也希望继续加大对恶意逃废债借款人的追偿力度。"
        ),
        "consent_publish": True,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": None,
        "return_comment": None,
        "reply": (
            "您好！您的来信收悉，感谢您对网贷机构清退工作的理解和肯定。“众鑫贷”"
            "平台进入清退程序以来，我局会同所在区工作专班持续督促平台加强债权清收，"
            "对恶意逃废债借款人通过司法诉讼、报送金融信用信息基础数据库等方式加大追偿力度。下一步，"
            "我们将继续督促平台按期公布回款和兑付情况，依法推动后续兑付工作。"
            "如您掌握借款人财产线索，可向区工作专班提供。再次感谢您对我局工作的关注和支持。"
        ),
    },
    {
        "key": "d54",
        "kind": "consultation",
        "channel": "phone",
        "state": "closed",
        "division": "综合处",
        "received_days_ago": 65,
        "citizen_name": "钟明亮",
        "phone": "15108856732",
        "email": None,
        "subject": "咨询地方金融监管局的监管范围",
        "content": (
            "来电人称：其母亲在某保险公司购买的分红型保险到期后领取的收益与当初宣传的不符，"
            "同时母亲在本市一家融资担保公司还有一笔保证金没有退还，"
            "不清楚两件事分别应当向哪个部门反映，咨询地方金融监督管理局的监管范围。"
        ),
        "consent_publish": False,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": None,
        "return_comment": None,
        "reply": (
            "您好！地方金融监督管理局主要负责对小额贷款公司、融资担保公司、区域性股权市场、典当行、"
            "融资租赁公司、商业保理公司、地方资产管理公司等地方金融组织实施监管，"
            "并承担防范和处置非法集资相关工作。"
            "保险公司的产品销售纠纷由国家金融监督管理总局及其派出机构负责，您可拨打12378反映；"
            "融资担保公司保证金纠纷属于我局监管范围，您可通过本平台“监督投诉”栏目提交，"
            "写明公司名称、金额及经过并上传合同凭证，我局将按规定时限办理。"
        ),
    },
    {
        "key": "d55",
        "kind": "complaint",
        "channel": "web",
        "state": "closed",
        "division": "金融稳定处",
        "received_days_ago": 100,
        "citizen_name": "谭晓梅",
        "phone": "17616880530",
        "email": None,
        "subject": "举报“乐享购”商城以消费返利名义集资",
        "content": (
            "本市新城区有一家“乐享购”电商平台，宣传“消费全返”：会员充值1万元购物，"
            "平台每天返还千分之三的“消费积分”，积分可以提现，推荐他人充值还有额外奖励。"
            "他们在各小区设立体验店，经常组织老年人开会。我爱人已经充值了6万元，最近提现越来越难，"
            "平台说系统升级要排队。我认为这是非法集资，请贵局尽快调查。"
        ),
        "consent_publish": False,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": None,
        "return_comment": None,
        "reply": (
            "您好！您举报的“乐享购”电商平台以消费返利名义吸收资金的问题收悉。"
            "我局接报后立即会同新城区防范和处置非法集资工作牵头部门开展调查。经查，"
            "该平台运营主体未取得任何金融业务许可，以“消费全返”、"
            "承诺每日固定返还比例的方式吸收会员资金，"
            "具有《防范和处置非法集资条例》第二条规定的非法集资特征。"
            "新城区已依法将案件线索移送公安机关，公安机关已立案侦查，"
            "并对平台主要负责人采取了刑事强制措施。请您配合办案机关做好集资参与人登记，"
            "妥善保存充值记录和相关凭证。感谢您对我局工作的关注和支持。"
        ),
    },
    {
        "key": "d56",
        "kind": "consultation",
        "channel": "wechat",
        "state": "closed",
        "division": "银行二处",
        "received_days_ago": 68,
        "citizen_name": "陆永刚",
        "phone": "18025030517",
        "email": "luyg@example.com",
        "subject": "咨询新设商业保理公司的监管要求",
        "content": (
            "您好！我们是一家刚在本省注册的商业保理公司，营业执照已经拿到，现在准备开展业务。"
            "想咨询：1.商业保理公司是否需要到金融监管局报送材料或纳入名单管理？"
            "2.能不能受让网络平台上个人消费贷款的债权？3.可以从哪些渠道融资，"
            "能不能向股东以外的个人借款？希望得到明确答复。"
        ),
        "consent_publish": True,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": None,
        "return_comment": None,
        "reply": (
            "您好！您咨询的商业保理公司监管问题收悉，现答复如下：一、"
            "根据《中国银保监会办公厅关于加强商业保理企业监督管理的通知》"
            "（银保监办发〔2019〕205号）要求，商业保理企业实行名单制管理，"
            "新设企业开展业务前应向注册地地方金融监管部门报送材料，经核查后纳入名单。二、"
            "商业保理业务应以企业之间基于真实交易形成的应收账款为基础，"
            "个人消费贷款债权不属于保理业务范围，商业保理企业也不得发放贷款或受托发放贷款。三、"
            "商业保理企业可以向银行等金融机构融资，也可以通过发行债券、资产证券化等方式融资，"
            "但不得吸收或变相吸收公众存款，不得通过网络借贷信息中介机构、"
            "地方各类交易场所等渠道融入资金。感谢您对我局工作的关注和支持。"
        ),
    },
    {
        "key": "d57",
        "kind": "mailbox",
        "channel": "web",
        "state": "closed",
        "division": "人事处",
        "received_days_ago": 80,
        "citizen_name": "汪雅琴",
        "phone": "19991594744",
        "email": "wangyq@example.cn",
        "subject": "建议公开遴选公告扩大发布渠道",
        "content": (
            "局长您好！我是本省某市直机关的一名公务员，一直关注贵局的公开遴选信息。"
            "今年贵局遴选公告发布后，报名时间只有5天，而且只在局网站发布，"
            "很多基层同志看到消息时已经截止报名了。建议以后的遴选、"
            "招聘公告同时在省公务员主管部门网站和微信公众号发布，并适当延长报名时间，"
            "让更多符合条件的同志有机会参加。"
        ),
        "consent_publish": True,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": None,
        "return_comment": None,
        "reply": (
            "您好！您对我局公开遴选公告发布工作提出的意见收悉，感谢您的关注。经核查，"
            "今年我局公开遴选公告已在我局门户网站和省公务员主管部门网站同步发布，"
            "报名时间为5个工作日，符合相关规定，但确实存在宣传渠道不够广、"
            "部分同志未能及时获知的问题。我局采纳您的建议，今后发布公开遴选和公开招聘公告时，"
            "将同步通过局微信公众号推送，并适当延长报名期限，方便更多符合条件的同志报名。"
            "感谢您对我局工作的关注和支持。"
        ),
    },
    {
        "key": "d58",
        "kind": "complaint",
        "channel": "web",
        "state": "closed",
        "division": "民间融资监管处",
        "received_days_ago": 110,
        "citizen_name": "范德明",
        "phone": "17677573377",
        "email": None,
        "subject": "网贷平台停业后有人冒充债权受让方催收",
        "content": (
            "我几年前在“速贷通”网贷平台借过1万元，当时还剩3000元没还完平台就停业了。"
            "最近突然有人自称是“平台债权受让方”，要求我一次性还款9000元，"
            "说包括这几年的罚息和违约金，不还就起诉我并上征信。请问平台清退后，"
            "借款人的欠款应该还给谁？对方要求的罚息合理吗？"
        ),
        "consent_publish": False,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": None,
        "return_comment": None,
        "reply": (
            "您好！您反映的“速贷通”网贷平台清退后借款偿还问题收悉。经核实，“速贷通”"
            "平台已纳入本省网络借贷机构清退名单，按照清退工作安排，借款人欠款应当继续偿还，"
            "并统一归集至清退专用账户，用于向出借人兑付，目前该平台未对外转让任何借款人债权。自称"
            "“债权受让方”的人员并非清退工作组授权的清收主体，请勿向其转账。"
            "您剩余未还本金及合同约定的利息，可通过清退工作组公布的官方渠道核对后偿还。"
            "如对方继续骚扰，您可向公安机关报案。感谢您对我局工作的关注和支持。"
        ),
    },
    {
        "key": "d59",
        "kind": "consultation",
        "channel": "web",
        "state": "closed",
        "division": "政策法规处",
        "received_days_ago": 70,
        "citizen_name": "金秀英",
        "phone": "13145224370",
        "email": "jinxy@example.com",
        "subject": "对信息公开答复不服如何申请行政复议",
        "content": (
            "您好！我上个月向贵局申请公开某融资担保公司的现场检查报告，"
            "贵局答复称该信息涉及商业秘密，决定不予公开。我对这个答复不服，想申请行政复议。请问："
            "应该向哪个机关提出复议申请？期限是多长？可以不经复议直接向法院起诉吗？"
        ),
        "consent_publish": False,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": None,
        "return_comment": None,
        "reply": (
            "您好！您咨询的行政复议申请有关问题收悉，现答复如下："
            "根据《中华人民共和国行政复议法》第二十条规定，公民认为行政行为侵犯其合法权益的，"
            "可以自知道或者应当知道该行政行为之日起60日内提出行政复议申请。"
            "我局为省人民政府工作部门，根据该法第二十四条规定，对我局作出的行政行为不服的，"
            "应当向省人民政府申请行政复议。您也可以不经行政复议，"
            "依照《中华人民共和国行政诉讼法》第四十六条规定，"
            "自知道或者应当知道作出行政行为之日起6个月内直接向人民法院提起行政诉讼。"
            "感谢您对我局工作的关注和支持。"
        ),
    },
    {
        "key": "d60",
        "kind": "mailbox",
        "channel": "web",
        "state": "closed",
        "division": "银行二处",
        "received_days_ago": 120,
        "citizen_name": "廖春华",
        "phone": "18863576755",
        "email": None,
        "subject": "地方资产管理公司向担保人追讨多年前债务",
        "content": (
            "局长您好！我十年前为朋友的企业借款提供过连带责任担保，"
            "这笔债务后来被银行打包转让给了本省一家地方资产管理公司。最近该公司派人找我，"
            "要求我承担担保责任并偿还本息共80多万元，其中利息部分比本金还多。"
            "请问地方资产管理公司收购银行不良贷款是否合法？他们能否向担保人主张这么多利息？"
            "我应该怎么办？"
        ),
        "consent_publish": False,
        "not_accepted_reason": None,
        "handback_reason": None,
        "draft": None,
        "return_comment": None,
        "reply": (
            "您好！您反映的地方资产管理公司向担保人追偿问题收悉。经核实，"
            "该公司系经批准设立的本省地方资产管理公司，"
            "依法可以参与本省范围内金融企业不良资产的批量转让业务，其受让银行不良债权并向债务人、"
            "担保人主张权利，属于正常经营活动。关于保证期间、诉讼时效是否届满以及利息计算是否合理，"
            "属于民事法律问题，应由当事人协商或由人民法院依法认定。"
            "我局已提醒该公司依法合规开展清收工作，不得采取暴力、恐吓等不当手段。"
            "建议您收集借款合同、担保合同及债权转让通知等材料，"
            "必要时咨询律师或通过诉讼维护自身权益。感谢您对我局工作的关注和支持。"
        ),
    },
]
