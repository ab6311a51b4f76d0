// Exports of the store in formats other tools read: GDELT 2.0 Events,
// PLOVER-style JSON Lines, and the actor graph as GraphML or node/edge CSV.
#ifndef ENTENTE_STORE_EXPORT_H_
#define ENTENTE_STORE_EXPORT_H_

#include <array>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "entente/status.h"
#include "entente/store.h"

namespace entente::store {

// The 61 columns of a GDELT 2.0 Events record, in GDELT's order (GDELT
// Event Codebook 2.0). GDELT files carry no header line.
inline constexpr std::array<std::string_view, 61> kGdeltColumns = {
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL"};

// One GDELT row (61 fields, no line end) for a cluster's representative
// event (FindEvents with one_per_cluster). GLOBALEVENTID is the cluster id;
// codes are strings ("051"); fields entente does not know (tone, geography,
// ethnic and religion codes) are empty. Tabs and newlines in names become
// spaces.
std::vector<std::string> GdeltFields(const EventRecord& event);

// The PLOVER event type for a CAMEO root code ("05" -> "SUPPORT"); empty
// for roots PLOVER has no category for ("01" public statements).
std::string_view PloverType(std::string_view root);

// One PLOVER-style JSON object (one line, no line end) for an event.
std::string PloverJson(const EventRecord& event);

// Writers over the whole store, one event per cluster, filtered by
// `filter`. They return the store's error, or IoError when `out` fails.
Status WriteGdelt(Store& store, const EventFilter& filter, bool header,
                  std::ostream& out);
Status WritePlover(Store& store, const EventFilter& filter, std::ostream& out);
Status WriteGraphMl(const ActorGraph& graph, std::ostream& out);
Status WriteGraphNodesCsv(const ActorGraph& graph, std::ostream& out);
Status WriteGraphEdgesCsv(const ActorGraph& graph, std::ostream& out);

// Quotes a CSV field when it needs it (RFC 4180).
std::string CsvField(std::string_view s);

}  // namespace entente::store

#endif  // ENTENTE_STORE_EXPORT_H_
