package org.pdxhub.hub.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of the review and follow-up forms ({@link ReviewPages}), Chinese first ({@code rv:} in
 * templates); English in {@code messages/rv_en.properties}.
 */
@MessageBundle(value = "rv", locale = "zh-CN")
public interface ReviewMessages {

    @Message("分类分级定期评估")
    String reassessment_heading();

    @Message("当前分类")
    String classification();

    @Message("上次评估")
    String last_assessed();

    @Message("结论")
    String conclusion();

    @Message("维持，并说明理由")
    String keep();

    @Message("变更，关联已提交的目录变更")
    String change();

    @Message("目录变更编号")
    String change_id();

    @Message("理由")
    String reason();

    @Message("提交结论")
    String send();

    @Message("历次结论")
    String history();

    @Message("数据使用定期审查")
    String use_heading();

    @Message("调用次数")
    String reads();

    @Message("记录数")
    String records();

    @Message("异常提示")
    String flags();

    @Message("无")
    String none();

    @Message("各类异常提示数")
    String flags_by_kind();

    @Message("类别")
    String flag_kind();

    @Message("条数")
    String flag_count();

    @Message("第 {first}–{last} 条，共 {of} 条（最新在前）")
    String flags_shown(int first, int last, int of);

    @Message("全部类别")
    String all_flags();

    @Message("按用途")
    String by_purpose();

    @Message("按字段")
    String by_field();

    @Message("继续使用")
    String continue_use();

    @Message("限制为保留的字段")
    String restrict();

    @Message("撤销授权")
    String revoke();

    @Message("保留的字段（逗号分隔，仅限制时填写）")
    String fields_kept();

    @Message("需求跟进")
    String follow_up_heading();

    @Message("已发布的目录资源编码")
    String published_code();

    @Message("关闭跟进")
    String close();

    @Message("投诉")
    String complaint_heading();

    @Message("登记投诉")
    String new_complaint();

    @Message("来源")
    String source();

    @Message("投诉人")
    String complainant();

    @Message("联系方式")
    String contact();

    @Message("资源编码")
    String resource();

    @Message("责任单位（统一社会信用代码）")
    String organisation();

    @Message("事由")
    String subject();

    @Message("答复")
    String answer();

    @Message("提交答复")
    String send_answer();

    @Message("登记")
    String record();

    @Message("已保存")
    String done();

    @Message("截止日期")
    String due_by();

    @Message("状态")
    String status();

    @Message("剩余工作日")
    String days_left();

    @Message("使用方")
    String holder();

    @Message("用途")
    String purpose();

    @Message("审查起点")
    String since();

    @Message("字段")
    String fields();

    @Message("需求方")
    String requester();

    @Message("需求内容")
    String description();

    @Message("已提交数据主管部门")
    String escalated();

    @Message("应急调用数据删除或封存")
    String sealing_heading();

    @Message("要求")
    String instruction();

    @Message("已删除")
    String deleted();

    @Message("已封存")
    String sealed();

    @Message("说明（删除或封存了什么、在何处、如何处理）")
    String statement();

    @Message("确认")
    String confirm();

    @Message("已确认")
    String confirmed();

    @Message("上报事项")
    String relayed_heading();

    @Message("环节")
    String stage();

    @Message("上报节点")
    String from_node();

    @Message("申请编号")
    String request_id();

    @Message("提供部门")
    String provider();

    @Message("拒绝理由")
    String refusal();

    @Message("异议理由")
    String dispute_reason();

    @Message("申请人（已脱敏）")
    String applicant();

    @Message("本节点期限")
    String agency_due_by();

    @Message("下级节点期限")
    String department_due_by();

    @Message("决定")
    String decision();

    @Message("同意（身份核验：确认）")
    String approve();

    @Message("不同意")
    String reject();

    @Message("法律依据")
    String basis();

    @Message("提交决定")
    String send_decision();

    @Message("决定人")
    String decided_by();
}
