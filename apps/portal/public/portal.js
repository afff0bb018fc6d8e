'use strict';
// The portal talks to the platform only through the gateway's GraphQL API.

async function graphql(query, variables) {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors && body.errors.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data;
}

const INCIDENTS = `query Incidents($after: String) {
  incidents(first: 20, after: $after) {
    nodes { id title priority status openedAt assignee slaTracking { recordedAt eventsApplied } }
    pageInfo { endCursor hasNextPage }
  }
}`;

let cursor = null;

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function row(incident) {
  const tr = document.createElement('tr');
  tr.dataset.incident = incident.id;
  tr.append(
    cell(incident.id),
    cell(incident.title || ''),
    cell(incident.priority, incident.priority === 'P1' ? 'p1' : ''),
    cell(incident.status),
    cell(new Date(incident.openedAt).toLocaleString()),
    cell(incident.assignee || '—'),
    cell(incident.slaTracking ? `yes (${incident.slaTracking.eventsApplied} events)` : 'not yet'),
  );
  return tr;
}

async function load(reset) {
  const body = document.getElementById('incidents');
  const data = await graphql(INCIDENTS, { after: reset ? null : cursor });
  if (reset) body.replaceChildren();
  if (reset && data.incidents.nodes.length === 0) body.append(Object.assign(document.createElement('tr'), { innerHTML: '<td colspan="7">No incidents yet.</td>' }));
  for (const incident of data.incidents.nodes) body.append(row(incident));
  const { endCursor, hasNextPage } = data.incidents.pageInfo;
  cursor = hasNextPage ? endCursor : null;
  document.getElementById('more').hidden = !cursor;
}

document.getElementById('more').addEventListener('click', () => load(false));

document.getElementById('open-incident').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const input = Object.fromEntries([...form.entries()].filter(([, v]) => v !== ''));
  const out = document.getElementById('open-result');
  try {
    const data = await graphql('mutation Open($input: OpenIncidentInput!) { openIncident(input: $input) { id priority } }', { input });
    out.className = '';
    out.textContent = `Opened ${data.openIncident.id} (${data.openIncident.priority})`;
    // sla-evaluation records the incident from the event stream, a moment later.
    setTimeout(() => load(true), 300);
  } catch (error) {
    out.className = 'error';
    out.textContent = error.message;
  }
});

load(true).catch((error) => {
  document.getElementById('incidents').innerHTML = '';
  const tr = document.createElement('tr');
  tr.append(cell(`Could not load incidents: ${error.message}`));
  document.getElementById('incidents').append(tr);
});
