package dev.deckhand.loadbalancer;

import dev.deckhand.pricing.PriceTable;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class HttpsPathsTest {

    @Test
    void describe_pricesBothPathsFromTheTable() {
        assertThat(HttpsPaths.describe(PriceTable.load(Path.of("config/prices.yml")))).isEqualTo(
                "nginx + certbot: $3.65/month (an Elastic IP for the DNS record; the certificate is free and renews on "
                        + "the instance) | load balancer (ALB) + ACM: $16.43/month (plus capacity units; the certificate "
                        + "is free and renews itself; room for more instances)");
    }
}
