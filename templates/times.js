/* Optional: a button beside the stamp that shows the page's times in UTC instead of the site's zone, remembered for the
   next page. The page is complete without it: every time names its zone. Texts keep the pages' one format
   (src/render/views/format.rs) in the site's language: a time's UTC form is its tooltip as the build wrote it
   ("20 Nov 2026, 14:02 UTC"), or "14:02 UTC" alone for a time of the build's day. */
(function(){var d=document,at=d.querySelector(".stamp"),note=d.getElementById("tz-note"),key="statuspress-times";
if(!at||!d.querySelectorAll)return;
var words={utc:{{ t(key="site.times_utc") | json_encode | safe }},button:{{ t(key="site.show_utc") | json_encode | safe }}},
built=new Date(d.documentElement.getAttribute("data-built")),
times=[].slice.call(d.querySelectorAll("time[datetime$='Z']")),
b=d.createElement("button");
function two(n){return (n<10?"0":"")+n;}
function day(t){return t.toISOString().slice(0,10);}
function inUtc(el,t,dated){var c=two(t.getUTCHours())+":"+two(t.getUTCMinutes())+" UTC";
return dated||day(t)!==day(built)?el.getAttribute("data-utc-text"):c;}
times.forEach(function(el){var t=new Date(el.getAttribute("datetime"));el.setAttribute("data-zone-text",el.textContent);
el.setAttribute("data-utc-text",el.title||(isNaN(t)?"":t.toISOString().slice(0,16).replace("T"," ")+" UTC"));});
if(note)note.setAttribute("data-zone-text",note.textContent);
function show(utc){times.forEach(function(el){var t=new Date(el.getAttribute("datetime")),own=el.getAttribute("data-zone-text");
if(isNaN(t))return;
el.textContent=utc?inUtc(el,t,/\d{4}/.test(own)):own;el.title=utc?own:el.getAttribute("data-utc-text");});
if(note)note.textContent=utc?words.utc:note.getAttribute("data-zone-text");
b.setAttribute("aria-pressed",utc?"true":"false");}
b.type="button";b.className="tz";b.textContent=words.button;
b.addEventListener("click",function(){var utc=b.getAttribute("aria-pressed")!=="true";show(utc);
try{localStorage.setItem(key,utc?"utc":"zone");}catch(e){}});
at.appendChild(d.createTextNode(" "));at.appendChild(b);
var saved=null;try{saved=localStorage.getItem(key);}catch(e){}
show(saved==="utc");})();
