// The one way the site's scripts talk to API v1: JSON in and out, errors as ApiError with the
// API's stable `code` and French `message`, and the campaign code (`?c=` on arrival, kept for the
// visit) sent as `X-Campagne` so that the commission's report counts what a campaign brought.

const CAMPAGNE_KEY = "tdn-campagne";

export class ApiError extends Error {
  constructor(status, body) {
    const error = (body && body.error) || {};
    super(error.message || "Le service ne répond pas pour le moment. Réessayez dans un instant.");
    this.status = status;
    this.code = error.code || "network_error";
    this.fields = error.fields || {};
  }
}

function rememberCampagne() {
  const code = new URLSearchParams(window.location.search).get("c");
  try {
    if (code) window.sessionStorage.setItem(CAMPAGNE_KEY, code);
    return window.sessionStorage.getItem(CAMPAGNE_KEY);
  } catch {
    return code;
  }
}

const campagne = rememberCampagne();

export function apiUrl(path, params, origin = "") {
  const url = new URL(`/api/v1/${path.replace(/^\//, "")}`, origin || window.location.origin);
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== undefined && value !== null && value !== "") url.searchParams.set(key, value);
  }
  return url.toString();
}

export async function api(path, { method = "GET", body, params, origin, signal } = {}) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (campagne) headers["X-Campagne"] = campagne;
  let response;
  try {
    response = await fetch(apiUrl(path, params, origin), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "omit",
      signal,
    });
  } catch (error) {
    if (error.name === "AbortError") throw error;
    throw new ApiError(0, null);
  }
  const data = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}
