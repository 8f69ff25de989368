package org.pdxhub.hub.sharing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;

/** The provider's and the public's side of the request workflows (art. 18, 21, 26, 38). */
@ConfigMapping(prefix = "pdx.sharing")
public interface SharingConfig {

    /**
     * Art. 18: the security measures this node's providers state for conditionally shared data,
     * each {@code code:text}; a CONDITIONAL request accepts every one by its code.
     */
    @WithDefault("transport:专线或加密通道传输,"
            + "access-log:访问留痕并定期审计,"
            + "purpose-only:仅用于申请所述用途、不向第三方提供,"
            + "delete-after-use:用途完成或期限届满后删除")
    List<String> securityMeasures();

    /** Art. 38: working days the holder of an ended emergency grant has to confirm deletion or sealing. */
    @WithDefault("5")
    int sealingConfirmationDays();

    /**
     * Art. 21: working days the provider has, once it approved a demand, to aggregate the data,
     * catalog it and serve it. The measures say "in good time" (及时); 15 is the time art. 8 gives
     * to bring the catalog up to date, which a new entry is.
     */
    @WithDefault("15")
    int demandFollowUpDays();

    /** A Quarkus scheduler interval: how often follow-ups past their date are reported to the agency. */
    @WithDefault("60s")
    String followUpCheckEvery();
}
