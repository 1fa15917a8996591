package dev.deckhand.ec2;

/**
 * An EBS volume attached to an instance.
 *
 * @param id                  {@code vol-...}
 * @param device              device name, e.g. {@code /dev/xvda}
 * @param sizeGb              provisioned size
 * @param type                gp3, gp2, io1, ...
 * @param deleteOnTermination whether it goes away with the instance
 */
public record Volume(String id, String device, int sizeGb, String type, boolean deleteOnTermination) { }
