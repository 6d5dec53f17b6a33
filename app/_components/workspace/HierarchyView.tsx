'use client';

import { useMemo, useState } from 'react';
import { useI18n } from '../../lib/i18n/I18nProvider';
import { topicColour } from '../../lib/topicPalette';
import type { WorkspaceViewProps } from '../../lib/workspace/WorkspaceView';
import { cutHierarchy } from '../../lib/workspace/toolsHierarchyCut';
import { shortLabel } from '../../lib/workspace/toolsLabels';
import { HierarchyDendrogram } from './HierarchyDendrogram';
import styles from './tools.module.css';

/** Groups the slider starts at: the "read 334 topics as 20". */
const DEFAULT_GROUPS = 20;

/**
 * The topic hierarchy: a dendrogram and a "number of topics" slider that cuts it into that many groups, each listed
 * with its label and size and openable to its topics (a click selects one).
 */
export function HierarchyView({ analysis, selection, onSelect }: WorkspaceViewProps) {
  const { t, number } = useI18n();
  const { topics } = analysis;
  const merges = useMemo(() => analysis.hierarchy?.merges ?? [], [analysis.hierarchy]);
  const n = topics.length;
  const fewest = Math.max(1, n - merges.length);
  const [wanted, setWanted] = useState(Math.min(n, DEFAULT_GROUPS));
  const groupsWanted = Math.min(n, Math.max(fewest, wanted));
  const groups = useMemo(() => cutHierarchy(topics, merges, groupsWanted), [topics, merges, groupsWanted]);
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());

  const colours = useMemo(() => {
    // Colour every node under a group's root by the group, so the dendrogram shows the cut.
    const byNode = new Map<number, string>();
    const under = new Map<number, [number, number]>();
    merges.forEach((m, k) => under.set(n + k, [m.left, m.right]));
    groups.forEach((g, i) => {
      const css = topicColour(i).css;
      const stack = [g.node];
      while (stack.length > 0) {
        const node = stack.pop()!;
        byNode.set(node, css);
        // Everything under a group's root was merged before it, so below the cut.
        const pair = under.get(node);
        if (pair) stack.push(...pair);
      }
    });
    return byNode;
  }, [groups, merges, n]);

  if (!analysis.hierarchy) {
    return (
      <section className="panel" data-testid="hierarchy-view">
        <h2>{t('ws.tools.hierarchy.title')}</h2>
        <p className="muted" data-testid="hierarchy-missing">
          {t('ws.tools.hierarchy.missing')}
        </p>
      </section>
    );
  }

  const toggle = (node: number, isOpen: boolean) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (isOpen) next.add(node);
      else next.delete(node);
      return next;
    });

  return (
    <section className="panel" data-testid="hierarchy-view">
      <div className={styles.head}>
        <h2>{t('ws.tools.hierarchy.title')}</h2>
        <span className="muted small" data-testid="hierarchy-group-count" data-count={groups.length}>
          {t('ws.tools.hierarchy.groups', { count: groups.length })}
        </span>
      </div>
      <label className={styles.controls}>
        <span>{t('ws.tools.hierarchy.slider')}</span>
        <input
          type="range"
          className={styles.slider}
          data-testid="hierarchy-slider"
          min={fewest}
          max={Math.max(fewest, n)}
          step={1}
          value={groupsWanted}
          onChange={(e) => setWanted(Number(e.currentTarget.value))}
        />
        <span className="mono">{number(groupsWanted)}</span>
      </label>
      <HierarchyDendrogram
        n={n}
        merges={merges}
        groups={groupsWanted}
        colourOf={(node) => colours.get(node) ?? null}
        selected={selection.topic}
        onSelectTopic={(topic) => onSelect({ topic })}
      />
      <ul className={styles.groups} data-testid="hierarchy-groups">
        {groups.map((g, i) => {
          const holdsSelected = selection.topic !== null && g.topics.includes(selection.topic);
          return (
            <li key={g.node} className={styles.group} data-testid="hierarchy-group" data-node={g.node}>
              <details open={open.has(g.node)} onToggle={(e) => toggle(g.node, e.currentTarget.open)}>
                <summary className={holdsSelected ? styles.selected : undefined}>
                  <span className={styles.swatch} style={{ background: topicColour(i).css }} />
                  <span className={styles.label} title={g.label}>
                    {shortLabel(g.label)}
                  </span>
                  <span className={`muted small mono ${styles.count}`}>{t('common.messages', { count: g.size })}</span>
                  <span className={`muted small ${styles.count} ${styles.groupTopicCount}`}>
                    {t('ws.tools.hierarchy.groupTopics', { count: g.topics.length })}
                  </span>
                </summary>
                {open.has(g.node) ? (
                  <ul className={styles.topics}>
                    {g.topics.map((id) => {
                      const topic = topics[id]!;
                      return (
                        <li key={id}>
                          <button
                            type="button"
                            className={`${styles.topicButton} ${id === selection.topic ? styles.selected : ''}`}
                            data-testid="hierarchy-topic"
                            data-topic={id}
                            aria-pressed={id === selection.topic}
                            onClick={() => onSelect({ topic: id })}
                          >
                            <span className="mono muted">#{id}</span>
                            <span className={styles.label} title={topic.label}>
                              {shortLabel(topic.label)}
                            </span>
                            <span className="muted small mono">{number(topic.size)}</span>
                          </button>
                        </li>
                      );
                    })}
                  </ul>
                ) : null}
              </details>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
