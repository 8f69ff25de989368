package org.pdxhub.hub.organisation;

/** The kinds of organisation the measures name (art. 2-3). */
public enum OrganisationKind {
    /** 公共数据管理机构: the data agency that runs the platform, catalogs and reviews. */
    AGENCY,
    /** 政务部门: a government department. */
    DEPARTMENT,
    /** 公共服务组织: hospitals, schools, water, power, gas, telecom, transport. */
    PUBLIC_SERVICE
}
