// The HTTP API's endpoints (docs/http_api.md), one function each, free of
// HTTP plumbing: server.cc routes a request to one of them and turns the
// result into a response. A failed Status becomes an error response:
// InvalidArgument -> 400, NotFound -> 404, Unimplemented -> 503, anything
// else -> 500.
#ifndef ENTENTE_SERVER_HANDLERS_H_
#define ENTENTE_SERVER_HANDLERS_H_

#include <map>
#include <string>
#include <vector>

#include "entente/status.h"
#include "entente/store.h"

namespace entente {
class Pipeline;
class EventCoder;
}  // namespace entente

namespace entente::server {

// What a handler may use. The store is this worker's own connection.
struct ApiContext {
  Store& store;
  const Pipeline* pipeline = nullptr;  // For /api/extract; null = off.
  const EventCoder* coder = nullptr;   // For event descriptions; may be null.
};

struct ApiRequest {
  std::multimap<std::string, std::string> params;  // Decoded query string.
  std::vector<std::string> path_args;  // Decoded captures of the route.
  std::string body;
  std::string content_type;
};

// Each returns the JSON text of a 200 response.
StatusOr<std::string> HandleHealth(ApiContext& ctx, const ApiRequest& req);
StatusOr<std::string> HandleEvents(ApiContext& ctx, const ApiRequest& req);
StatusOr<std::string> HandleActors(ApiContext& ctx, const ApiRequest& req);
StatusOr<std::string> HandleActorProfile(ApiContext& ctx,
                                         const ApiRequest& req);
StatusOr<std::string> HandleDyad(ApiContext& ctx, const ApiRequest& req);
StatusOr<std::string> HandleGraph(ApiContext& ctx, const ApiRequest& req);
StatusOr<std::string> HandleBlocs(ApiContext& ctx, const ApiRequest& req);
StatusOr<std::string> HandleDocument(ApiContext& ctx, const ApiRequest& req);
StatusOr<std::string> HandleExtract(ApiContext& ctx, const ApiRequest& req);

}  // namespace entente::server

#endif  // ENTENTE_SERVER_HANDLERS_H_
