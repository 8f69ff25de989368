package org.pdxhub.hub.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of the working-day calendar's page ({@code cal:} in templates), Chinese first; English
 * in {@code messages/cal_en.properties}.
 */
@MessageBundle(value = "cal", locale = "zh-CN")
public interface CalendarMessages {

    @Message("工作日历")
    String heading();

    @Message("已覆盖年份")
    String coverage();

    @Message("年份")
    String year();

    @Message("来源")
    String source();

    @Message("载入时间")
    String loaded_at();

    @Message("载入人")
    String loaded_by();

    @Message("内置节假日表")
    String shipped();

    @Message("上传国务院放假通知")
    String upload_heading();

    @Message("CSV 文件（UTF-8），表头 date_from,date_to,kind,name；kind 为 HOLIDAY（放假）或 WORKDAY（调休上班）；全部日期须在所填年份内。更正某年时上传该年完整的通知。")
    String upload_hint();

    @Message("通知文号")
    String notice_source();

    @Message("通知文件")
    String file();

    @Message("预览变化")
    String preview();

    @Message("{year} 年通知的变化（尚未载入）")
    String preview_heading(int year);

    @Message("将替换已载入的通知：{source}")
    String replaces(String source);

    @Message("变化的日期")
    String changes();

    @Message("通知与现有日历一致，没有日期变化。")
    String no_changes();

    @Message("日期")
    String date();

    @Message("原为")
    String before();

    @Message("改为")
    String after();

    @Message("工作日")
    String WORKING();

    @Message("周末")
    String WEEKEND();

    @Message("放假")
    String HOLIDAY();

    @Message("调休上班")
    String WORKDAY();

    @Message("正在计时的期限 {open} 项，其中 {moved} 项将按新日历从起算日重新计算：")
    String recount(int open, int moved);

    @Message("事项")
    String kind();

    @Message("编号")
    String id();

    @Message("起算日")
    String counted_from();

    @Message("原到期日")
    String old_due();

    @Message("新到期日")
    String new_due();

    @Message("确认载入")
    String confirm();

    @Message("已载入 {year} 年通知（{source}）；{moved} 项期限已重新计算。")
    String loaded(int year, String source, int moved);

    @Message("通知未载入：请按下列行号改正后重新上传完整文件")
    String refused();

    @Message("行")
    String line();

    @Message("列")
    String column();

    @Message("问题及改法")
    String problem();

    @Message("只有数据主管部门的管理员可以载入通知。")
    String agency_admin_only();
}
