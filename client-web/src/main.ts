// Loads the person's language first, then the application: every view's words come from the
// catalogue (some at module load), and only the chosen language is fetched, not all of them.
import { loadLanguage, setLanguage } from "./i18n/i18n";

// The room's screen has a language of its own: ?lang=xx on its link sets it (and it is kept).
const lang = new URLSearchParams(location.search).get("lang");
if (lang && location.pathname.endsWith("/projector")) setLanguage(lang);

void loadLanguage().then(() => import("./app"));
