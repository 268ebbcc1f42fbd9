/** The simulator's page for humans: a meter per device, moving as commands arrive, and the latest commands. */
export const SIMULATOR_PAGE = `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<title>Encore device simulator</title>
<style>
  body { font: 15px system-ui, sans-serif; margin: 2rem; background: #14111c; color: #eee; }
  h1 { font-size: 1.3rem; } .device { margin: 1rem 0; padding: .8rem 1rem; background: #221d2e; border-radius: 8px; }
  .meter { height: 14px; background: #3a3350; border-radius: 7px; overflow: hidden; margin: .3rem 0; }
  .meter span { display: block; height: 100%; background: #e0508a; transition: width .1s; }
  .gone { opacity: .4; } code { color: #bbb; } li { font-family: ui-monospace, monospace; font-size: 13px; }
</style>
<h1>Encore device simulator</h1>
<p>Buttplug (Intiface stand-in): <code id="ws"></code> &middot; Lovense local API stand-in: <code id="http"></code></p>
<div id="devices"></div>
<h2>Latest commands</h2>
<ol id="commands" reversed></ol>
<script>
  document.getElementById('ws').textContent = 'ws://' + location.host + '/buttplug';
  document.getElementById('http').textContent = location.origin;
  async function tick() {
    try {
      const state = await (await fetch('/state')).json();
      document.getElementById('devices').innerHTML = state.devices.map((d) =>
        '<div class="device' + (d.present ? '' : ' gone') + '"><strong>' + d.name + '</strong> (' + d.backend +
        ', battery ' + d.battery + '%)' + Object.entries(d.levels).map(([f, v]) =>
          '<div>' + f + ' ' + v + '%<div class="meter"><span style="width:' + v + '%"></span></div></div>').join('') +
        '</div>').join('');
      document.getElementById('commands').innerHTML = state.commands.slice().reverse().map((c) =>
        '<li>' + new Date(c.at).toISOString().slice(11, 23) + ' ' + c.backend + ' ' + c.device + ' ' +
        (c.kind === 'stop' ? 'stop' + (c.cause ? ' (' + c.cause + ')' : '') : c.feature + ' ' + c.intensity + '%') +
        (c.refused ? ' refused' : '') + '</li>').join('');
    } catch {}
    setTimeout(tick, 200);
  }
  tick();
</script>
</html>
`;
