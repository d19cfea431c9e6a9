package io.boreal.storage.journal;

/** An event type with its own serializer and a serializer manifest, bound in {@link JournalTestConfig}. */
public record TestEvent(String text, int number) {
}
