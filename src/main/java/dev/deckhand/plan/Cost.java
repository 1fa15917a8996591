package dev.deckhand.plan;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * A monthly cost change in USD: a known amount, or unknown with the reason. Sums stay unknown when
 * any part is, so nothing ever turns "we do not know the price" into zero.
 */
public sealed interface Cost {

    Cost ZERO = new Known(BigDecimal.ZERO);

    static Cost usd(BigDecimal amount) {
        return new Known(amount);
    }

    static Cost unknown(String reason) {
        return new Unknown(reason);
    }

    /** The sum; unknown (with every reason) when either side is unknown. */
    Cost plus(Cost other);

    Cost negate();

    /** @param usdPerMonth positive adds to the bill, negative saves */
    record Known(BigDecimal usdPerMonth) implements Cost {
        public Known {
            Objects.requireNonNull(usdPerMonth, "usdPerMonth");
            usdPerMonth = usdPerMonth.setScale(2, RoundingMode.HALF_UP);
        }

        @Override
        public Cost plus(Cost other) {
            return other instanceof Known k ? new Known(usdPerMonth.add(k.usdPerMonth)) : other;
        }

        @Override
        public Cost negate() {
            return new Known(usdPerMonth.negate());
        }

        @Override
        public String toString() {
            return (usdPerMonth.signum() > 0 ? "+" : usdPerMonth.signum() < 0 ? "-" : "") + "$"
                    + usdPerMonth.abs().toPlainString() + "/month";
        }
    }

    /** @param reason what is not known and why, e.g. "price for p4d.24xlarge in us-east-1 unknown" */
    record Unknown(String reason) implements Cost {
        public Unknown {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public Cost plus(Cost other) {
            return other instanceof Unknown u && !u.reason.equals(reason) ? new Unknown(reason + "; " + u.reason) : this;
        }

        @Override
        public Cost negate() {
            return this;
        }

        @Override
        public String toString() {
            return "unknown (" + reason + ")";
        }
    }
}
