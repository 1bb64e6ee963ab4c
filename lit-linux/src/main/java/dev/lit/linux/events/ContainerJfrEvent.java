package dev.lit.linux.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** A container event as a JDK Flight Recorder event ({@code dev.lit.ContainerEvent}). */
@Name("dev.lit.ContainerEvent")
@Label("Container Event")
@Category({"Lit", "Containers"})
@Description("Something that happened to a Lit container: created, started, paused, resumed, oom, died, health, or a custom kind")
final class ContainerJfrEvent extends jdk.jfr.Event {
    @Label("Container")
    String containerId;

    @Label("Kind")
    String kind;

    @Label("Detail")
    String detail;
}
