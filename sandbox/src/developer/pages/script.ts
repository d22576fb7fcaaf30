/**
 * The pages' one inline script. Forms marked `data-api` are sent as JSON (same-origin fetch with
 * `content-type: application/json`, as the control API requires); errors land in the form's
 * alert region in the page's language. `data-then` says where to go next: "reload", "landing"
 * (the App Market's landing page), or a path with {field} placeholders from the response.
 * A freshly generated client secret is passed to the next page in sessionStorage, shown once and
 * forgotten.
 */
export const CLIENT_SCRIPT = `(()=>{
const lang=document.documentElement.lang;
async function call(method,path,body){
  const r=await fetch(path,{method,headers:{"content-type":"application/json","accept-language":lang},body:body===undefined?undefined:JSON.stringify(body)});
  const text=await r.text();let data=null;try{data=text?JSON.parse(text):null}catch{}
  if(!r.ok)throw new Error((data&&data.error)||("HTTP "+r.status));
  return data;
}
function collect(form){
  const out={};
  for(const el of form.elements){
    const k=el.name,kind=el.dataset.kind;if(!k||el.disabled)continue;
    if(kind==="array"){(out[k]??=[]);if(el.checked)out[k].push(el.value);continue}
    if(el.type==="checkbox"){out[k]=el.checked;continue}
    if(el.type==="radio"){if(el.checked)out[k]=kind==="number"?Number(el.value):el.value;continue}
    const v=el.value.trim();
    if(kind==="lines"){out[k]=v.split(/\\s+/).filter(Boolean);continue}
    if(v===""){if(kind==="nullable")out[k]=null;else if(kind==="text")out[k]="";continue}
    out[k]=kind==="number"?Number(v.replace(",",".")):v;
  }
  return out;
}
const dialog=document.getElementById("confirm");
function confirmFirst(form){
  if(!form.dataset.confirm||!dialog||!dialog.showModal)return Promise.resolve(true);
  document.getElementById("confirm-text").textContent=form.dataset.confirm;
  document.getElementById("confirm-ok").textContent=form.dataset.confirmOk||document.getElementById("confirm-ok").dataset.label||document.getElementById("confirm-ok").textContent;
  return new Promise((resolve)=>{dialog.returnValue="";dialog.addEventListener("close",()=>resolve(dialog.returnValue==="ok"),{once:true});dialog.showModal()});
}
const okLabel=document.getElementById("confirm-ok");if(okLabel)okLabel.dataset.label=okLabel.textContent;
for(const form of document.querySelectorAll("form[data-api]")){
  form.addEventListener("submit",async(ev)=>{
    ev.preventDefault();
    const err=form.querySelector(".form-error"),btn=ev.submitter||form.querySelector("button");
    err.textContent="";
    if(!(await confirmFirst(form)))return;
    if(btn)btn.disabled=true;
    try{
      const body=form.dataset.method==="GET"||form.dataset.method==="DELETE"?undefined:collect(form);
      const res=await call(form.dataset.method,form.dataset.api.replace(/\\{(\\w+)\\}/g,(_,k)=>encodeURIComponent(collect(form)[k]??"")),body);
      if(form.dataset.login!==undefined){
        if(!res||res.length!==1)throw new Error(form.dataset.login);
        res.id=res[0].id;
      }
      if(form.dataset.setDeveloper!==undefined||form.dataset.login!==undefined)document.cookie="sandbox_developer="+encodeURIComponent(res.id)+"; path=/; max-age=31536000; samesite=lax";
      if(res&&res.clientSecret)sessionStorage.setItem("secret:"+res.clientId,res.clientSecret);
      const then=form.dataset.then||"reload";
      if(then==="landing"&&res&&res.landingUrl){location.href=res.landingUrl;return}
      if(then==="reload"){location.reload();return}
      location.href=then.replace(/\\{(\\w+)\\}/g,(_,k)=>encodeURIComponent(res&&res[k]!=null?res[k]:""));
    }catch(e){err.textContent=e.message;err.tabIndex=-1;err.focus()}
    finally{if(btn)btn.disabled=false}
  });
}
for(const b of document.querySelectorAll("[data-logout]"))b.addEventListener("click",()=>{document.cookie="sandbox_developer=; path=/; max-age=0";location.href="/developer"});
const secret=document.getElementById("secret-once");
if(secret){const key="secret:"+secret.dataset.client,v=sessionStorage.getItem(key);if(v){secret.querySelector("code").textContent=v;secret.hidden=false;sessionStorage.removeItem(key)}}
for(const sel of document.querySelectorAll("select[data-users-of]")){
  const company=document.getElementById(sel.dataset.usersOf);
  const sync=()=>{let first=null;for(const o of sel.options){const on=o.dataset.tenant===company.value;o.hidden=!on;o.disabled=!on;if(on&&!first)first=o}if(!sel.selectedOptions[0]||sel.selectedOptions[0].disabled)sel.value=first?first.value:""};
  company.addEventListener("change",sync);sync();
}
for(const group of document.querySelectorAll("[data-mode-group]")){
  const sync=()=>{const mode=group.querySelector("input[type=radio]:checked")?.value;for(const el of group.querySelectorAll("[data-when]")){const on=el.dataset.when===mode;el.hidden=!on;for(const i of el.querySelectorAll("input"))i.disabled=!on}};
  group.addEventListener("change",sync);sync();
}
})();`;
