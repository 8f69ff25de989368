package org.pdxhub.hub.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The console's words, Chinese first ({@code msg:} in templates); English in
 * {@code messages/msg_en.properties}.
 */
@MessageBundle(value = "msg", locale = "zh-CN")
public interface ConsoleMessages {

    @Message("账户")
    String accounts();

    @Message("操作")
    String action();

    @Message("变更后")
    String after();

    @Message("全部")
    String any();

    @Message("API 密钥（系统）")
    String api_keys();

    @Message("公共数据交换节点")
    String app_name();

    @Message("批准")
    String approve();

    @Message("返回")
    String back();

    @Message("变更前")
    String before();

    @Message("按结果统计")
    String by_decision();

    @Message("工作日日历")
    String calendar();

    @Message("已覆盖年份")
    String calendar_covers();

    @Message("导入目录（CSV/XLSX）")
    String catalog_import();

    @Message("新建目录草稿")
    String catalog_new();

    @Message("同意或法律依据")
    String check_consent();

    @Message("去标识化方法")
    String check_deid();

    @Message("保密审查情况")
    String check_secrecy();

    @Message("安全保密审查清单（第二十五条）")
    String checklist();

    @Message("重复采集的审批意见（一数一源，第九条）")
    String approve_second_collection();

    @Message("购买数据的审批意见（第九条）")
    String approve_purchase();

    @Message("分类")
    String col_category();

    @Message("编码")
    String col_code();

    @Message("剩余工作日")
    String col_days_left();

    @Message("说明")
    String col_detail();

    @Message("截止日期")
    String col_due_by();

    @Message("事项")
    String col_item();

    @Message("类型")
    String col_kind();

    @Message("名称")
    String col_name();

    @Message("开放类型")
    String col_open_type();

    @Message("提供单位")
    String col_provider();

    @Message("资源")
    String col_resource();

    @Message("共享类型")
    String col_share_type();

    @Message("状态")
    String col_status();

    @Message("版本")
    String col_version();

    @Message("审核意见")
    String comment();

    @Message("比较")
    String compare();

    @Message("投诉")
    String complaints();

    @Message("连接器")
    String connectors();

    @Message("计数")
    String counts();

    @Message("创建")
    String create();

    @Message("死信")
    String dead_letters();

    @Message("作出决定")
    String decide();

    @Message("裁决争议")
    String decide_dispute();

    @Message("决定")
    String decision();

    @Message("描述")
    String description();

    @Message("姓名")
    String display_name();

    @Message("争议")
    String dispute();

    @Message("字段")
    String field();

    @Message("文件")
    String file();

    @Message("筛选")
    String filter();

    @Message("第一个数据项")
    String first_item();

    @Message("起")
    String from();

    @Message("节点健康")
    String health();

    @Message("历程")
    String history();

    @Message("持有人")
    String holder();

    @Message("CSV 或 XLSX 文件")
    String import_file();

    @Message("导入")
    String import_it();

    @Message("导入被拒绝：未保存任何内容")
    String import_refused();

    @Message("签发密钥")
    String issue_key();

    @Message("脱敏规则")
    String item_masking();

    @Message("个人信息")
    String item_personal();

    @Message("敏感级别")
    String item_sensitivity();

    @Message("中文名称")
    String item_title();

    @Message("数据类型")
    String item_type();

    @Message("数据项")
    String items();

    @Message("密钥标识")
    String key_id();

    @Message("密钥已签发")
    String key_issued();

    @Message("密钥只显示这一次，请立即妥善保存。")
    String key_shown_once();

    @Message("法律依据")
    String legal_basis();

    @Message("层级")
    String level();

    @Message("登录")
    String login();

    @Message("登录表单已过期，请重新提交。")
    String login_refused_csrf();

    @Message("登录")
    String login_title();

    @Message("用户名或密码不正确。")
    String login_wrong();

    @Message("使用 {provider} 登录")
    String login_with(String provider);

    @Message("校验使用日志（哈希链与见证）")
    String usage_verify();

    @Message("哈希链完整：已校验 {n} 条")
    String verify_intact(Object n);

    @Message("哈希链断裂于第 {seq} 条")
    String verify_broken(Object seq);

    @Message("上级节点见证的下级日志头")
    String witnessed_heads();

    @Message("数据血缘（跨层级路径）")
    String lineage();

    @Message("记录标识")
    String lineage_key();

    @Message("退出")
    String logout();

    @Message("消息数")
    String messages();

    @Message("授权")
    String grants();

    @Message("字段")
    String fields();

    @Message("有效期至")
    String valid_to();

    @Message("使用日志")
    String usage_log();

    @Message("消息标识")
    String message_id();

    @Message("系统管理")
    String nav_admin();

    @Message("目录")
    String nav_catalog();

    @Message("主导航")
    String nav_label();

    @Message("运维")
    String nav_operations();

    @Message("申请")
    String nav_requests();

    @Message("今日待办")
    String nav_today();

    @Message("使用日志")
    String nav_use();

    @Message("新建账户")
    String new_account();

    @Message("下一页")
    String next();

    @Message("不可重放（发送方须更正后重发）")
    String not_replayable();

    @Message("备注")
    String note();

    @Message("更早")
    String older();

    @Message("不予开放依据")
    String open_basis();

    @Message("开放条件")
    String open_conditions();

    @Message("单位")
    String organisation();

    @Message("单位")
    String organisations();

    @Message("来源")
    String origin();

    @Message("分页")
    String pages();

    @Message("密码")
    String password();

    @Message("待审变更")
    String pending_change();

    @Message("人员")
    String person();

    @Message("上一页")
    String previous();

    @Message("出错字段")
    String problem_field();

    @Message("用途")
    String purpose();

    @Message("队列")
    String queue();

    @Message("队列深度")
    String queue_depths();

    @Message("待本单位答复")
    String queue_provider();

    @Message("本单位提出")
    String queue_requester();

    @Message("待审核")
    String queue_reviewer();

    @Message("理由")
    String reason();

    @Message("记录数")
    String records();

    @Message("操作被拒绝")
    String refused_title();

    @Message("拒绝")
    String reject();

    @Message("重放")
    String replay();

    @Message("申请")
    String request_heading();

    @Message("申请方")
    String requester();

    @Message("资源定义")
    String resource_definition();

    @Message("退回意见")
    String return_comment();

    @Message("退回修改")
    String return_it();

    @Message("审核")
    String review();

    @Message("角色")
    String roles();

    @Message("节点路由")
    String routes();

    @Message("行")
    String row();

    @Message("规则")
    String rule();

    @Message("保存草稿")
    String save_draft();

    @Message("搜索")
    String search();

    @Message("提交决定")
    String send_decision();

    @Message("不予共享依据")
    String share_basis();

    @Message("共享条件")
    String share_conditions();

    @Message("跳到正文")
    String skip_to_content();

    @Message("来源")
    String source();

    @Message("事由")
    String subject();

    @Message("提交审核")
    String submit();

    @Message("提交审核")
    String submit_for_review();

    @Message("时间")
    String time();

    @Message("办理过程")
    String timeline();

    @Message("止")
    String to();

    @Message("今日待办")
    String today_heading();

    @Message("目前没有待办事项。")
    String today_nothing();

    @Message("更新周期")
    String update_cycle();

    @Message("用户名")
    String username();

    @Message("从版本")
    String version_from();

    @Message("到版本")
    String version_to();

    @Message("等待")
    String waiting_for();

    @Message("已逾期")
    String today_overdue();

    @Message("今日到期")
    String today_due_today();

    @Message("本周到期（5 个工作日内）")
    String today_this_week();

    @Message("稍后")
    String today_later();

    @Message("待办（无法定时限）")
    String today_no_deadline();

    @Message("目录审核")
    String due_catalog_review();

    @Message("共享申请")
    String due_share_request();

    @Message("需求申请")
    String due_demand_request();

    @Message("开放申请")
    String due_open_request();

    @Message("争议裁决")
    String due_dispute();

    @Message("目录更新（职能或法规变化）")
    String due_duty_change();

    @Message("投诉答复")
    String due_complaint();

    @Message("共享属性定期评估（第十五条）")
    String due_reassessment();

    @Message("使用情况定期审查（第十九条）")
    String due_use_review();

    @Message("需求落实（第二十一条）")
    String due_demand_follow_up();

    @Message("数据纠错答复（第九条）")
    String due_correction();

    @Message("应急调用数据删除或封存确认（第三十八条）")
    String due_emergency_sealing();

    @Message("上报主管部门：共享申请形式审核（第十八条）")
    String due_relayed_review();

    @Message("上报主管部门：需求协调（第二十一条）")
    String due_relayed_demand();

    @Message("上报主管部门：争议裁决（第十八、二十六条）")
    String due_relayed_dispute();

    @Message("上报主管部门：自然人身份核验（第二十六条）")
    String due_relayed_identity();

    @Message("账户已锁定，请在 {until} 之后再试。")
    String login_locked(Object until);

    @Message("共 {n} 条")
    String total(Object n);

    @Message("第 {n} 页")
    String page_n(Object n);

    @Message("版本 {from} 与 {to} 的差异")
    String diff_versions(Object from, Object to);

    @Message("已导入 {n} 条草稿")
    String imported(Object n);
}
