package dev.deckhand.aws.costwatch;

/** What CloudWatch says about one resource over the idle window. */
sealed interface Activity {

    /** @param cpuPercent average CPU; @param networkMbPerDay network in + out per day (instances), or requests (load balancers) */
    record Measured(double cpuPercent, double networkMbPerDay, double requests) implements Activity { }

    /** CloudWatch has no data points for it in the window (just launched, or metrics not published). */
    record NoData() implements Activity { }

    /** CloudWatch could not be asked; whatever depends on it is reported, saying why (fail closed). */
    record Unknown(String reason) implements Activity { }
}
