// Material 9.8.1's partials/javascripts/base.html, served as a file instead of an inline script: the site's
// Content-Security-Policy runs no inline script (plugins/museum/csp.py). tests/test_csp.py checks it is Material's.
// The scope, a template value there, comes from the script element's data-scope.
__md_scope=new URL(document.currentScript.dataset.scope,location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
