# Generated data compiled into the library. Sets ENTENTE_GENERATED_SOURCES.
set(ENTENTE_GENERATED_SOURCES "")
