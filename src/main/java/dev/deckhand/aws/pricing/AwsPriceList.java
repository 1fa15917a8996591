package dev.deckhand.aws.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deckhand.aws.AwsClients;
import dev.deckhand.aws.AwsErrors;
import dev.deckhand.pricing.PriceLookup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.pricing.model.Filter;
import software.amazon.awssdk.services.pricing.model.FilterType;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The AWS Price List Query API ({@code pricing:GetProducts}, served from us-east-1): the on-demand
 * hourly price of a Linux, shared-tenancy instance type in a region. Each product comes back as a JSON
 * string; its price is under {@code terms.OnDemand.*.priceDimensions.*.pricePerUnit.USD}. Failures are
 * logged and answered as "not found", so the caller reports the price as unknown.
 */
public final class AwsPriceList implements PriceLookup {

    private static final Logger log = LoggerFactory.getLogger(AwsPriceList.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AwsClients aws;

    public AwsPriceList(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public Optional<BigDecimal> hourlyUsd(String region, String type) {
        try {
            List<String> products = AwsErrors.call("pricing:GetProducts", "us-east-1", () -> aws.pricing()
                    .getProducts(r -> r.serviceCode("AmazonEC2").maxResults(10).filters(
                            match("instanceType", type), match("regionCode", region), match("operatingSystem", "Linux"),
                            match("tenancy", "Shared"), match("preInstalledSw", "NA"), match("capacitystatus", "Used")))
                    .priceList());
            for (String product : products) {
                Optional<BigDecimal> price = onDemandUsd(JSON.readTree(product));
                if (price.isPresent()) {
                    return price;
                }
            }
            log.info("Price List API has no on-demand Linux price for {} in {}", type, region);
        } catch (RuntimeException | java.io.IOException e) {
            log.warn("Price List API could not price {} in {}: {}", type, region, e.getMessage());
        }
        return Optional.empty();
    }

    static Optional<BigDecimal> onDemandUsd(JsonNode product) {
        for (Iterator<JsonNode> terms = product.path("terms").path("OnDemand").elements(); terms.hasNext(); ) {
            for (Iterator<JsonNode> dims = terms.next().path("priceDimensions").elements(); dims.hasNext(); ) {
                JsonNode usd = dims.next().path("pricePerUnit").path("USD");
                if (usd.isTextual()) {
                    BigDecimal price = new BigDecimal(usd.asText());
                    if (price.signum() > 0) {
                        return Optional.of(price);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Filter match(String field, String value) {
        return Filter.builder().type(FilterType.TERM_MATCH).field(field).value(value).build();
    }
}
