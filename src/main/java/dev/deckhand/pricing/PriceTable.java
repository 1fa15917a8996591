package dev.deckhand.pricing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The dated fallback price table (config/prices.yml): turns "a t3.micro with 8 GB gp3 and a public
 * address in ap-northeast-2" into dollars per month. Estimates say when a region's price was missing
 * and us-east-1's was used.
 */
public record PriceTable(String date, int hoursPerMonth, double publicIpv4PerHour, double albPerHour,
                         double nlbPerHour, double classicLbPerHour, Map<String, Double> ebsPerGbMonth,
                         Map<String, Map<String, Double>> instances) implements InstancePrices {

    static final String FALLBACK_REGION = "us-east-1";

    public PriceTable {
        ebsPerGbMonth = Map.copyOf(ebsPerGbMonth);
        instances = Map.copyOf(instances);
    }

    public static PriceTable load(Path file) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                ;
        try {
            PriceTable table = yaml.readValue(file.toFile(), PriceTable.class);
            if (table.instances().get(FALLBACK_REGION) == null) {
                throw new IllegalArgumentException(file + ": instances." + FALLBACK_REGION
                        + " is required (it is the fallback for other regions)");
            }
            return table;
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not a valid price table: " + e.getMessage(), e);
        }
    }

    /** Monthly price of running one instance of {@code type} in {@code region}, if the table knows the type. */
    @Override
    public Optional<Estimate> instance(String region, String type) {
        Optional<Estimate> own = regionalInstance(region, type);
        if (own.isPresent()) {
            return own;
        }
        Double fallback = instances.get(FALLBACK_REGION).get(type);
        return Optional.ofNullable(fallback)
                .map(h -> new Estimate(monthly(h), "us-east-1 price; " + region + " may differ"));
    }

    /**
     * The region's own monthly price of {@code type}, never us-east-1's in its place: empty when the table
     * lacks the region or the type there. Cost watch asks the Price List API then (see {@code LivePrices}).
     */
    public Optional<Estimate> regionalInstance(String region, String type) {
        Double hourly = instances.getOrDefault(region, Map.of()).get(type);
        return Optional.ofNullable(hourly).map(h -> new Estimate(monthly(h), ""));
    }

    public BigDecimal volume(String volumeType, int sizeGb) {
        double perGb = ebsPerGbMonth.getOrDefault(volumeType, ebsPerGbMonth.getOrDefault("gp3", 0.08));
        return money(perGb * sizeGb);
    }

    public BigDecimal publicIpv4() {
        return monthly(publicIpv4PerHour);
    }

    public BigDecimal applicationLoadBalancer() {
        return monthly(albPerHour);
    }

    public BigDecimal networkLoadBalancer() {
        return monthly(nlbPerHour);
    }

    public BigDecimal classicLoadBalancer() {
        return monthly(classicLbPerHour);
    }

    private BigDecimal monthly(double hourly) {
        return money(hourly * hoursPerMonth);
    }

    private static BigDecimal money(double amount) {
        return BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_UP);
    }

    /** @param monthlyUsd dollars per month; @param note caveat, empty when the region's own price was used */
    public record Estimate(BigDecimal monthlyUsd, String note) { }

    public static String usd(BigDecimal amount) {
        return "$" + amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
