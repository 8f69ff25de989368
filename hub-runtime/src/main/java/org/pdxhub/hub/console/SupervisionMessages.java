package org.pdxhub.hub.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The supervision page's words ({@code sup:} in templates), Chinese first; English in
 * {@code messages/sup_en.properties}. A bundle of its own, so that the console's shared words stay
 * as they are.
 */
@MessageBundle(value = "sup", locale = "zh-CN")
public interface SupervisionMessages {

    @Message("监督评估")
    String nav();

    @Message("监督评估（第四十二、四十三条）")
    String title();

    @Message("统计期间")
    String period();

    @Message("月份 2026-10 或季度 2026-Q4")
    String period_hint();

    @Message("查看")
    String show();

    @Message("全平台")
    String platform();

    @Message("概况")
    String totals();

    @Message("已发布资源")
    String resources();

    @Message("更新逾期资源")
    String resources_late();

    @Message("汇聚记录")
    String records_sent();

    @Message("接收记录")
    String records_accepted();

    @Message("共享申请按时答复率")
    String on_time_rate();

    @Message("平均质量得分")
    String quality_score();

    @Message("纠错（逾期）")
    String corrections();

    @Message("共享读取 / 开放下载")
    String reads();

    @Message("每日接收与拒收记录")
    String trend();

    @Message("接收")
    String accepted();

    @Message("拒收")
    String refused();

    @Message("各单位数据质量与按时答复")
    String by_organisation();

    @Message("单位")
    String organisation();

    @Message("符合率")
    String conformity();

    @Message("完整率")
    String completeness();

    @Message("准确率")
    String accuracy();

    @Message("可用率")
    String availability();

    @Message("已答复申请")
    String answered();

    @Message("按时答复")
    String answered_on_time();

    @Message("按时答复率")
    String on_time();

    @Message("拒绝 / 争议")
    String refusals();

    @Message("逾期事项")
    String overdue();

    @Message("按时答复率排名（%）")
    String ranking_on_time();

    @Message("质量得分最低的资源")
    String ranking_quality();

    @Message("各资源数据质量")
    String by_resource();

    @Message("资源")
    String resource();

    @Message("提供单位")
    String provider();

    @Message("更新周期")
    String update_cycle();

    @Message("更新逾期")
    String late();

    @Message("质量得分")
    String score_quality();

    @Message("评估得分（第四十三条）")
    String evaluation();

    @Message("得分")
    String score();

    @Message("公式")
    String formula();

    @Message("指标")
    String indicator();

    @Message("取值")
    String value();

    @Message("权重")
    String weight();

    @Message("依据")
    String evidence();

    @Message("评估得分排名")
    String ranking_score();

    @Message("得分历史：{department}")
    String history(String department);

    @Message("查看历史")
    String show_history();

    @Message("定期通报（第四十二条）")
    String reports();

    @Message("生成通报")
    String generate();

    @Message("通报范围")
    String scope();

    @Message("刚生成的通报")
    String just_generated();

    @Message("类型")
    String kind();

    @Message("生成时间")
    String generated_at();

    @Message("生成者")
    String generated_by();

    @Message("下载")
    String download();

    @Message("演示数据")
    String demo();

    @Message("是")
    String yes();

    @Message("本期间没有可统计的数据")
    String nothing();
}
