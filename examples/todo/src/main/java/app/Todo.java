package app;

import java.util.LinkedHashMap;
import java.util.Map;

/** One row of table {@code todo}. */
record Todo(long id, String title, boolean done) {

    /** The JSON object the API answers with: {"id":1,"title":"…","done":false}. */
    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("title", title);
        json.put("done", done);
        return json;
    }
}
